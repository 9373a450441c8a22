using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Tests.Reporting;

public class TextTests
{
    [Fact]
    public void Template_fills_known_values_and_capitalises_unknown_ones()
    {
        var values = new Dictionary<string, string> { ["host"] = "web1", ["port"] = "2222" };
        Assert.Equal("ssh -p 2222 USER@web1", Template.Fill("ssh -p {port} {user}@{host}", values));
        Assert.Equal("awk '{print $1}'", Template.Fill("awk '{print $1}'", values));
    }

    [Theory]
    [InlineData(null, "ja_JP.UTF-8", null, Language.Japanese)]
    [InlineData(null, null, "ja_JP.UTF-8", Language.Japanese)]
    [InlineData("en", "ja_JP.UTF-8", null, Language.English)]
    [InlineData(null, "C.UTF-8", "ja_JP.UTF-8", Language.English)]
    [InlineData("ja", null, null, Language.Japanese)]
    public void Language_comes_from_the_option_then_the_posix_locale_variables(string? option, string? lcAll, string? lang, Language expected)
    {
        var env = new Dictionary<string, string?> { ["LC_ALL"] = lcAll, ["LANG"] = lang };
        Assert.Equal(expected, LanguageSelection.Choose(option, name => env.GetValueOrDefault(name)));
    }

    [Fact]
    public void An_unknown_language_is_a_usage_error()
    {
        Assert.Throws<ArgumentException>(() => LanguageSelection.Choose("klingon", _ => null));
    }

    [Theory]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----", "[redacted: private key material]")]
    [InlineData("@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @", "@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @")]
    [InlineData("PASSWORD : hunter2", "PASSWORD : [redacted]")]
    [InlineData("my secret=abc and Token: xyz", "my secret=[redacted] and Token: [redacted]")]
    [InlineData("Failed password for invalid user token from 192.0.2.1 port 22 ssh2", "Failed password for invalid user token from 192.0.2.1 port 22 ssh2")]
    [InlineData("password=hunter2 retry", "password=[redacted] retry")]
    [InlineData("ProxyCommand curl https://bob:s3cret@proxy.example/x", "ProxyCommand curl https://bob:[redacted]@proxy.example/x")]
    [InlineData("Failed password for alice from 192.0.2.1 port 22 ssh2", "Failed password for alice from 192.0.2.1 port 22 ssh2")]
    public void Reports_redact_secrets_but_keep_the_evidence(string text, string expected)
    {
        Assert.Equal(expected, Redaction.Redact(text));
    }
}
