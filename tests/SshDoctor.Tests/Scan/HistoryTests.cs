using SshDoctor.Scan;
using SshDoctor.Scan.History;
using SshDoctor.Tests.Logs;

namespace SshDoctor.Tests.Scan;

/// <summary>The SQLite history and the changes between two snapshots of a host.</summary>
public sealed class HistoryTests
{
    private static readonly DateTimeOffset Before = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset After = Before.AddDays(7);

    private static HostSnapshot Snapshot(DateTimeOffset at, string fingerprint = "SHA256:old", string[]? addresses = null, string[]? kex = null, string? banner = "SSH-2.0-OpenSSH_9.2", string outcome = "ok") => new()
    {
        HostId = "web1:22",
        Destination = "web1",
        ScannedAt = at,
        Outcome = outcome,
        Addresses = addresses ?? ["192.0.2.1"],
        Banner = banner,
        Kex = banner is null ? [] : kex ?? ["curve25519-sha256"],
        HostKeyAlgorithms = banner is null ? [] : ["ssh-ed25519"],
        Ciphers = banner is null ? [] : ["aes128-ctr"],
        Macs = banner is null ? [] : ["hmac-sha2-256"],
        HostKeyType = banner is null ? null : "ssh-ed25519",
        HostKeyFingerprint = banner is null ? null : fingerprint,
        KnownHosts = banner is null ? null : "ok",
    };

    [Fact]
    public void A_new_host_key_is_hostkey_changed_with_both_fingerprints_and_times()
    {
        var change = Assert.Single(ChangeDetector.Compare(Snapshot(Before), Snapshot(After, fingerprint: "SHA256:new")));

        Assert.Equal((ChangeKinds.HostKeyChanged, "hostkey.changed"), (change.Kind, change.Id));
        Assert.Equal(("ssh-ed25519 SHA256:old", "ssh-ed25519 SHA256:new"), (change.Before, change.After));
        Assert.Equal((Before, After), (change.PreviousScan, change.ThisScan));
    }

    [Fact]
    public void Other_addresses_are_dns_changed_and_a_legacy_algorithm_added_is_a_downgrade()
    {
        var changes = ChangeDetector.Compare(Snapshot(Before), Snapshot(After, addresses: ["192.0.2.9"], kex: ["curve25519-sha256", "diffie-hellman-group1-sha1"]));

        Assert.Contains(changes, c => c.Kind == ChangeKinds.AddressChanged && c.Id == "dns.changed" && c.Before == "192.0.2.1" && c.After == "192.0.2.9");
        Assert.Contains(changes, c => c.Kind == ChangeKinds.AlgorithmsAdded && c.Downgrade && c.After == "diffie-hellman-group1-sha1");
    }

    [Fact]
    public void A_host_that_answered_and_now_does_not_is_newly_unreachable()
    {
        var change = Assert.Single(ChangeDetector.Compare(Snapshot(Before), Snapshot(After, banner: null, outcome: "tcp.timeout")));

        Assert.Equal((ChangeKinds.NewlyUnreachable, "ok", "tcp.timeout"), (change.Kind, change.Before, change.After));
    }

    [Fact]
    public void A_scan_that_never_finished_is_incomplete_and_its_snapshots_are_read_by_the_next()
    {
        using var dir = new LogsTestSupport.TempDir();
        var path = dir.File("sub/history.db");
        using (var store = HistoryStore.Open(path))
        {
            var killed = store.StartScan(Before, ScanPart.Whole(2));
            store.Record(killed, Snapshot(Before), []);
            // No FinishScan: the process died here.
        }

        using (var store = HistoryStore.Open(path))
        {
            var next = store.StartScan(After, ScanPart.Whole(1));
            var previous = store.LatestSnapshots(next);
            var changes = ChangeDetector.Compare(previous["web1:22"], Snapshot(After, fingerprint: "SHA256:new"));
            store.Record(next, Snapshot(After, fingerprint: "SHA256:new"), changes);
            store.FinishScan(next, After, ScanPart.Whole(1));

            var scans = store.Scans(DateTimeOffset.MinValue);
            Assert.Equal([(false, 1), (true, 1)], scans.Select(s => (s.Complete, s.Recorded)));
            Assert.Equal(["SHA256:old", "SHA256:new"], store.HostHistory("web1").Select(r => r.Snapshot.HostKeyFingerprint));
            Assert.Equal(ChangeKinds.HostKeyChanged, Assert.Single(store.Changes(Before.AddDays(1))).Kind);
        }
    }

    [Fact]
    public void Every_host_key_is_kept_and_a_changed_key_of_a_type_not_negotiated_is_hostkey_changed()
    {
        using var dir = new LogsTestSupport.TempDir();
        RecordedHostKey[] keys = [new("ecdsa-sha2-nistp256", "SHA256:ecdsa", "AAAA1"), new("ssh-ed25519", "SHA256:old", "AAAA2"), new("ssh-rsa", "SHA256:rsa-old", "AAAA3")];
        using var store = HistoryStore.Open(dir.File("history.db"));
        var first = store.StartScan(Before, ScanPart.Whole(1));
        store.Record(first, Snapshot(Before) with { HostKeys = keys }, []);
        store.FinishScan(first, Before, ScanPart.Whole(1));
        var second = store.StartScan(After, ScanPart.Whole(1));

        var previous = store.LatestSnapshots(second)["web1:22"];
        var now = Snapshot(After) with { HostKeys = [keys[0], keys[1], new("ssh-rsa", "SHA256:rsa-new", "AAAA4")] };

        Assert.Equal(keys, previous.HostKeys);
        var change = Assert.Single(ChangeDetector.Compare(previous, now));
        Assert.Equal((ChangeKinds.HostKeyChanged, "hostkey.changed"), (change.Kind, change.Id));
        Assert.Equal(("ssh-rsa SHA256:rsa-old", "ssh-rsa SHA256:rsa-new"), (change.Before, change.After));
        // A type seen only now (or only before) is not a change; a history from before the keys were kept compares the negotiated key.
        Assert.Empty(ChangeDetector.Compare(previous, Snapshot(After) with { HostKeys = [keys[1]] }));
        Assert.Single(ChangeDetector.Compare(Snapshot(Before), Snapshot(After, fingerprint: "SHA256:new") with { HostKeys = keys }));
    }

    [Fact]
    public void A_type_a_scan_did_not_fetch_is_compared_with_the_last_scan_that_fetched_it_and_never_reported_removed()
    {
        using var dir = new LogsTestSupport.TempDir();
        RecordedHostKey[] all = [new("ecdsa-sha2-nistp256", "SHA256:ecdsa", "AAAA1"), new("ssh-ed25519", "SHA256:old", "AAAA2"), new("ssh-rsa", "SHA256:rsa-old", "AAAA3")];
        var middle = Before.AddDays(1);
        using var store = HistoryStore.Open(dir.File("history.db"));
        // An --all-host-keys scan, then a default one (the negotiated ed25519 key only), then --all-host-keys again.
        var first = store.StartScan(Before, ScanPart.Whole(1));
        store.Record(first, Snapshot(Before) with { HostKeys = all }, []);
        var second = store.StartScan(middle, ScanPart.Whole(1));
        var negotiatedOnly = Snapshot(middle) with { HostKeys = [all[1]] };
        Assert.Empty(ChangeDetector.Compare(store.LatestSnapshots(second)["web1:22"], negotiatedOnly));
        store.Record(second, negotiatedOnly, []);
        var third = store.StartScan(After, ScanPart.Whole(1));

        var previous = store.LatestSnapshots(third)["web1:22"];

        Assert.Equal(middle, previous.ScannedAt);
        Assert.Equal(all.Select(k => (k.Type, k.Fingerprint)), previous.HostKeys.Select(k => (k.Type, k.Fingerprint)));
        Assert.Equal(new DateTimeOffset?[] { Before, null, Before }, previous.HostKeys.Select(k => k.SeenAt));
        var change = Assert.Single(ChangeDetector.Compare(previous, Snapshot(After) with { HostKeys = [all[0], all[1], new("ssh-rsa", "SHA256:rsa-new", "AAAA4")] }));
        Assert.Equal(("ssh-rsa SHA256:rsa-old", "ssh-rsa SHA256:rsa-new", Before), (change.Before, change.After, change.PreviousScan));
        // --history lists what each scan fetched.
        Assert.Equal([3, 1], store.HostHistory("web1").Select(r => r.Snapshot.HostKeys.Count));
    }

    [Fact]
    public void Shards_of_one_run_share_one_scan_which_is_complete_when_every_shard_has_finished()
    {
        using var dir = new LogsTestSupport.TempDir();
        using var store = HistoryStore.Open(dir.File("history.db"));
        var one = new ScanPart("job-1", new SshDoctor.Scan.Inventory.InventoryShard(1, 2), 2);
        var two = new ScanPart("job-1", new SshDoctor.Scan.Inventory.InventoryShard(2, 2), 2);

        var first = store.StartScan(Before, one);
        Assert.Equal(first, store.StartScan(Before.AddSeconds(1), two));
        store.Record(first, Snapshot(Before), []);
        store.Record(first, Snapshot(Before) with { HostId = "web2:22", Destination = "web2" }, []);
        store.FinishScan(first, Before.AddMinutes(1), one);
        Assert.False(Assert.Single(store.Scans(DateTimeOffset.MinValue)).Complete);
        store.FinishScan(first, Before.AddMinutes(2), two);

        var scan = Assert.Single(store.Scans(DateTimeOffset.MinValue));
        Assert.Equal((true, 2, 2), (scan.Complete, scan.Hosts, scan.Recorded));
        var other = Assert.Throws<HistoryUnavailableException>(() => store.StartScan(After, new ScanPart("job-1", new SshDoctor.Scan.Inventory.InventoryShard(1, 3), 2)));
        Assert.Contains("started in 2 shards", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_written_before_shards_is_brought_up_to_date_and_read()
    {
        using var dir = new LogsTestSupport.TempDir();
        var path = dir.File("history.db");
        Assert.Null(SqliteLibrary.EnsureLoaded());
        HistorySchemaOne.Write(path);

        using var store = HistoryStore.Open(path);
        var next = store.StartScan(After, ScanPart.Whole(1));

        Assert.Equal("SHA256:old", store.LatestSnapshots(next)["web1:22"].HostKeyFingerprint);
        store.FinishScan(next, After, ScanPart.Whole(1));
        Assert.Equal([true, true], store.Scans(DateTimeOffset.MinValue).Select(s => s.Complete));
    }

    [Fact]
    public void Reading_a_history_writes_nothing_and_an_older_schema_is_read_as_it_is()
    {
        using var dir = new LogsTestSupport.TempDir();
        var path = dir.File("history.db");
        using (var writer = HistoryStore.Open(path))
        {
            var scan = writer.StartScan(Before, ScanPart.Whole(1));
            writer.Record(scan, Snapshot(Before), []);
            writer.FinishScan(scan, Before, ScanPart.Whole(1));
        }

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            // As an ssh-doctor before --keys left it: schema 2, no user_keys table.
            connection.Open();
            using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "DROP TABLE user_keys; UPDATE meta SET value = '2' WHERE key = 'schema'";
            downgrade.ExecuteNonQuery();
        }

        var bytes = File.ReadAllBytes(path);
        using (var reader = HistoryStore.Open(path, readOnly: true))
        {
            Assert.Equal(2, reader.SchemaVersion);
            var (_, snapshot) = Assert.Single(reader.HostHistory("web1"));
            Assert.Equal("SHA256:old", snapshot.HostKeyFingerprint);
            Assert.Empty(snapshot.Keys);
            Assert.Empty(reader.Changes(DateTimeOffset.MinValue));
        }

        Assert.Equal(bytes, File.ReadAllBytes(path));
        using var upgraded = HistoryStore.Open(path);
        Assert.Equal(HistorySchema.Current, upgraded.SchemaVersion);
    }

    [Fact]
    public void A_hosts_history_has_each_scans_answers_for_your_keys()
    {
        using var dir = new LogsTestSupport.TempDir();
        using var store = HistoryStore.Open(dir.File("history.db"));
        var first = store.StartScan(Before, ScanPart.Whole(1));
        store.Record(first, Snapshot(Before) with { Keys = [new UserKeyAnswer("/k/first", "ssh-ed25519", "SHA256:first", UserKeyAnswer.Accepted), new UserKeyAnswer("/k/second", "ssh-ed25519", "SHA256:second", UserKeyAnswer.Rejected)] }, []);
        var second = store.StartScan(After, ScanPart.Whole(1));
        store.Record(second, Snapshot(After), []);
        var third = store.StartScan(After.AddDays(1), ScanPart.Whole(1));
        store.Record(third, Snapshot(After.AddDays(1)) with { Keys = [new UserKeyAnswer("/k/first", "ssh-ed25519", "SHA256:first", UserKeyAnswer.Rejected)] }, []);

        var history = store.HostHistory("web1:22");

        Assert.Equal([("SHA256:first", "accepted"), ("SHA256:second", "rejected")], history[0].Snapshot.Keys.Select(k => (k.Fingerprint, k.Result)));
        Assert.Empty(history[1].Snapshot.Keys);
        Assert.Equal("rejected", Assert.Single(history[2].Snapshot.Keys).Result);
    }

    [Fact]
    public void A_history_that_cannot_be_opened_is_a_clear_error()
    {
        var error = Assert.Throws<HistoryUnavailableException>(() => HistoryStore.Open("/proc/version/history.db"));
        Assert.Contains("/proc/version/history.db", error.Message, StringComparison.Ordinal);
        Assert.Throws<HistoryUnavailableException>(() => HistoryStore.Open("/nonexistent/history.db", readOnly: true));
        using var dir = new LogsTestSupport.TempDir();
        var empty = dir.File("empty.db");
        File.WriteAllBytes(empty, []);
        Assert.Contains("no scan history yet", Assert.Throws<HistoryUnavailableException>(() => HistoryStore.Open(empty, readOnly: true)).Message, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(empty).Length);
    }

    [Fact]
    public void Rsa_host_keys_under_2048_bits_and_dsa_keys_are_weak()
    {
        Assert.NotNull(HostKeyStrength.Weakness("ssh-dss", "AAAA"));
        Assert.Null(HostKeyStrength.Weakness("ssh-ed25519", "AAAA"));
        // ssh-rsa, e = 65537, a 1024-bit modulus (0x80 followed by zeros: the top bit set, so a leading 0 byte).
        var blob = new SshDoctor.Ssh.Wire.SshWriter().WriteString("ssh-rsa"u8).WriteMpintFromUnsigned([0x01, 0x00, 0x01]).WriteMpintFromUnsigned([0x80, .. new byte[127]]).ToArray();
        Assert.Equal(1024, HostKeyStrength.RsaBits(Convert.ToBase64String(blob)));
        Assert.Contains("1024 bits", HostKeyStrength.Weakness("ssh-rsa", Convert.ToBase64String(blob)), StringComparison.Ordinal);
    }
}
