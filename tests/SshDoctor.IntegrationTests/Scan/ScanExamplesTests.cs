using System.Diagnostics;
using System.Text.Json;
using SshDoctor.IntegrationTests.Install.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Scan.Inventory;

namespace SshDoctor.IntegrationTests.Scan;

/// <summary>
/// examples/scan: the Kubernetes Indexed Job and the Ansible playbook that run a scan's shards into one history. Checked
/// offline as far as they go: the YAML parses, the Job's completions, parallelism and SHARDS agree, its shell turns every
/// completion index into a distinct --shard the CLI accepts and treats exit 1 (problems found) as success; the playbook
/// passes ansible-playbook --syntax-check and, run for real on three local "scanners" with two shards each and a stand-in
/// for ssh-doctor, starts shards 1/6 to 6/6 once each, all with one --run name. Needs python3-yaml and ansible-core:
/// fails under CI=true without them.
/// </summary>
public sealed class ScanExamplesTests
{
    private static readonly string Examples = Path.Combine(Checkout.Root, "examples", "scan");

    [Fact]
    public void The_kubernetes_job_gives_every_completion_index_its_own_shard_and_agrees_on_the_count()
    {
        var documents = YamlAsJson(Path.Combine(Examples, "kubernetes", "scan-job.yaml"));
        var job = documents.RootElement.EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "Job");
        var spec = job.GetProperty("spec");
        var container = spec.GetProperty("template").GetProperty("spec").GetProperty("containers")[0];
        var environment = container.GetProperty("env").EnumerateArray().Where(e => e.TryGetProperty("value", out _))
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("value").GetString()!);
        var completions = spec.GetProperty("completions").GetInt32();

        Assert.Equal("Indexed", spec.GetProperty("completionMode").GetString());
        Assert.Equal(completions, spec.GetProperty("parallelism").GetInt32());
        Assert.Equal(completions.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["SHARDS"]);
        Assert.True(PostgresUrlIsUrl(environment["DB"]));

        using var directory = new TempDirectory();
        var script = container.GetProperty("args")[0].GetString()!;
        var shards = Enumerable.Range(0, completions).Select(index => RunContainerShell(directory, script, index, environment, stubExit: 1)).ToList();

        Assert.All(shards, s => Assert.Equal(0, s.ExitCode)); // exit 1 (problems found) is a finished scan
        var parsed = shards.Select(s => InventoryShard.TryParse(ArgumentAfter(s.Arguments, "--shard"), out _)).ToList();
        Assert.All(parsed, Assert.NotNull);
        Assert.Equal(Enumerable.Range(1, completions), parsed.Select(p => p!.Index).Order());
        Assert.All(parsed, p => Assert.Equal(completions, p!.Count));
        Assert.Equal(2, RunContainerShell(directory, script, 0, environment, stubExit: 2).ExitCode); // bad input fails the Job
    }

    [Fact]
    public void The_ansible_playbook_passes_its_syntax_check_and_starts_every_shard_once_with_one_run_name()
    {
        var playbook = ExternalTool.Require("ansible-playbook");
        using var directory = new TempDirectory();
        var calls = directory.File("calls");
        var stub = directory.File("ssh-doctor");
        File.WriteAllText(stub, $"#!/bin/sh\necho \"$*\" >> {calls}\nexit 1\n");
        ExternalTool.Run("chmod", "755", stub);
        var inventory = directory.File("scanners.ini");
        File.WriteAllText(inventory, "[scanners]\nscanner1 ansible_connection=local\nscanner2 ansible_connection=local\nscanner3 ansible_connection=local\n");
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = directory.Path,
            ["ANSIBLE_LOCAL_TEMP"] = directory.File("ansible-local"),
            ["ANSIBLE_REMOTE_TEMP"] = directory.File("ansible-remote"),
            ["ANSIBLE_ASYNC_DIR"] = directory.File("ansible-async"),
            ["ANSIBLE_NOCOLOR"] = "1",
            ["ANSIBLE_PYTHON_INTERPRETER"] = "/usr/bin/python3",
        };
        var book = Path.Combine(Examples, "ansible", "scan.yml");

        Run(playbook, environment, "-i", Path.Combine(Examples, "ansible", "scanners.ini"), "--syntax-check", book);
        Run(playbook, environment, "-i", inventory, book, "-e", $"ssh_doctor={stub}", "-e", "shards_per_host=2", "-e", $"remote_inventory={directory.File("hosts.txt")}",
            "-e", "history_url=postgresql://scan@127.0.0.1:1/history", "-e", "scan_timeout_seconds=120");

        var lines = File.ReadAllLines(calls);
        Assert.Equal(6, lines.Length);
        Assert.Equal(["1/6", "2/6", "3/6", "4/6", "5/6", "6/6"], lines.Select(l => ArgumentAfter(l, "--shard")).Order(StringComparer.Ordinal));
        Assert.Single(lines.Select(l => ArgumentAfter(l, "--run")).Distinct(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.Contains($"-f {directory.File("hosts.txt")}", l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.NotNull(InventoryShard.TryParse(ArgumentAfter(l, "--shard"), out _)));
    }

    private static bool PostgresUrlIsUrl(string text) => SshDoctor.Scan.History.PostgresUrl.IsUrl(text);

    private static string ArgumentAfter(string arguments, string option)
    {
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words[Array.IndexOf(words, option) + 1].Trim('\'');
    }

    // The container's `sh -c` with the Job's environment and its completion index, ssh-doctor replaced by a stand-in
    // that prints its arguments and exits as told.
    private static (int ExitCode, string Arguments) RunContainerShell(TempDirectory directory, string script, int index, Dictionary<string, string> environment, int stubExit)
    {
        var bin = Directory.CreateDirectory(directory.File("bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "ssh-doctor"), $"#!/bin/sh\necho \"$*\"\nexit {stubExit}\n");
        ExternalTool.Run("chmod", "755", Path.Combine(bin, "ssh-doctor"));
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["JOB_COMPLETION_INDEX"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RUN"] = "0f1e2d3c-uid";
        start.Environment["PATH"] = bin + ":/usr/bin:/bin";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(30_000);
        return (process.ExitCode, output.Trim());
    }

    private static JsonDocument YamlAsJson(string path)
    {
        var python = ExternalTool.Require("python3");
        var (code, json) = ExternalTool.TryRun(python, "-c", "import sys, json, yaml; print(json.dumps([d for d in yaml.safe_load_all(open(sys.argv[1])) if d]))", path);
        if (code != 0)
        {
            Assert.Fail($"{path} is not YAML python3-yaml reads (exit {code})");
        }

        return JsonDocument.Parse(json);
    }

    private static void Run(string tool, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(300_000), "ansible-playbook did not finish in 5 minutes");
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
    }
}
