using SshDoctor.Scan.History;

namespace SshDoctor.Tests.Scan;

/// <summary><c>--db postgresql://…</c>: libpq's URL read into a connection string, the password never shown.</summary>
public sealed class PostgresUrlTests
{
    private static string? NoEnvironment(string name) => null;

    [Fact]
    public void A_full_url_gives_every_part_and_shows_it_without_the_password()
    {
        var url = PostgresUrl.Parse("postgresql://scan%40ops:s3cr%2Ft@db.example:6432/fleet?sslmode=require&connect_timeout=5&application_name=scan", NoEnvironment);

        Assert.Contains("Host=db.example", url.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Port=6432", url.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Username=scan@ops", url.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Database=fleet", url.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("SSL Mode=Require", url.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Timeout=5", url.ConnectionString, StringComparison.Ordinal);
        Assert.Equal("s3cr/t", url.Password);
        Assert.Equal("postgresql://scan%40ops@db.example:6432/fleet", url.Shown);
        Assert.DoesNotContain("s3cr", url.Shown, StringComparison.Ordinal);
        Assert.Equal("password authentication failed (*** was wrong)", url.Redact("password authentication failed (s3cr/t was wrong)"));
    }

    [Fact]
    public void Missing_parts_come_from_the_environment_as_libpq_takes_them_and_the_password_is_left_to_npgsql()
    {
        var environment = new Dictionary<string, string> { ["PGHOST"] = "/run/postgresql", ["PGPORT"] = "5433" };

        var url = PostgresUrl.Parse("postgres:///history", name => environment.GetValueOrDefault(name));

        Assert.Contains("Host=/run/postgresql", url.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Port=5433", url.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", url.ConnectionString, StringComparison.Ordinal);
        Assert.Null(url.Password);
        Assert.Equal("postgresql:///run/postgresql:5433/history", url.Shown);
    }

    [Fact]
    public void An_ipv6_host_keeps_its_brackets_in_what_is_shown()
    {
        var url = PostgresUrl.Parse("postgresql://u@[::1]:5432/db", NoEnvironment);

        Assert.Contains("Host=::1", url.ConnectionString, StringComparison.Ordinal);
        Assert.Equal("postgresql://u@[::1]:5432/db", url.Shown);
    }

    [Theory]
    [InlineData("postgresql://u:pw@h:notaport/db", "port 'notaport'")]
    [InlineData("postgresql://u:pw@h:70000/db", "port '70000'")]
    [InlineData("postgresql://u:pw@h/db?sslmode=maybe", "sslmode 'maybe'")]
    [InlineData("postgresql://u:pw@h/db?connect_timeout=0", "connect_timeout '0'")]
    [InlineData("postgresql://u:pw@h/db?options=-c", "parameter 'options'")]
    [InlineData("postgresql://u:pw@[::1/db", "no ]")]
    public void A_malformed_url_says_which_part_and_never_shows_the_password(string text, string why)
    {
        var error = Assert.Throws<HistoryUnavailableException>(() => PostgresUrl.Parse(text, NoEnvironment));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_postgres_urls_are_urls_everything_else_is_a_sqlite_path()
    {
        Assert.True(PostgresUrl.IsUrl("postgresql://h/db"));
        Assert.True(PostgresUrl.IsUrl("POSTGRES://h/db"));
        Assert.False(PostgresUrl.IsUrl("/var/lib/history.db"));
        Assert.False(PostgresUrl.IsUrl("postgresql.db"));
    }
}
