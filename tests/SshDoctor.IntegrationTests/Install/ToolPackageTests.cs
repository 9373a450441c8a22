using System.IO.Compression;
using System.Xml.Linq;
using SshDoctor.IntegrationTests.Install.Infrastructure;

namespace SshDoctor.IntegrationTests.Install;

/// <summary>The .NET tool package that <c>dotnet pack</c> makes, and the tool <c>dotnet tool install</c> makes of it.</summary>
[Collection(InstalledCopiesCollection.Name)]
public sealed class ToolPackageTests(InstalledCopies copies)
{
    [Fact]
    public void The_package_is_a_dotnet_tool_named_ssh_doctor_with_the_readme()
    {
        copies.Require();
        using var package = ZipFile.OpenRead(copies.Nupkg);

        var settings = XDocument.Load(package.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
        var command = settings.Descendants("Command").Single();
        Assert.Equal("ssh-doctor", command.Attribute("Name")!.Value);
        Assert.Equal("ssh-doctor.dll", command.Attribute("EntryPoint")!.Value);

        var nuspec = XDocument.Load(package.GetEntry("ssh-doctor.nuspec")!.Open());
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("ssh-doctor", metadata.Element(ns + "id")!.Value);
        Assert.Equal("DotnetTool", metadata.Element(ns + "packageTypes")!.Element(ns + "packageType")!.Attribute("name")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        using (var readme = new StreamReader(package.GetEntry("README.md")!.Open()))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(Checkout.Root, "README.md")), readme.ReadToEnd());
        }

        // The licence travels with the package once the repository has one; until then the package claims none.
        var licence = Directory.GetFiles(Checkout.Root, "LICEN?E*").FirstOrDefault();
        Assert.Equal(licence is not null, metadata.Element(ns + "license") is not null);
        Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("tools/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal) && !e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
    }

    [Fact]
    public void The_installed_tool_is_the_jit_build_of_the_same_version_and_commit()
    {
        copies.Require();

        var tool = Programs.Run(copies.ToolBinary, ["--version"]);
        var built = Programs.Run("dotnet", [Checkout.JitDll, "--version"]);

        Assert.True(tool.Code == 0, tool.ToString());
        Assert.Equal(built.Stdout, tool.Stdout);
        Assert.Matches(@"^ssh-doctor \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}|unknown)\)\n$", tool.Stdout);
        Assert.Contains("\"native\": false", Programs.Run(copies.ToolBinary, ["version", "--json"]).Stdout, StringComparison.Ordinal);
    }
}
