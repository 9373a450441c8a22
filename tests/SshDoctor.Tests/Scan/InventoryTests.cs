using SshDoctor.Scan.Inventory;
using SshDoctor.Tests.Logs;

namespace SshDoctor.Tests.Scan;

/// <summary>Every inventory source: what becomes a destination, what is skipped with its file:line, duplicates once.</summary>
public sealed class InventoryTests
{
    [Fact]
    public void A_host_list_skips_comments_and_reports_malformed_lines_with_file_and_line()
    {
        using var dir = new LogsTestSupport.TempDir();
        var file = dir.File("hosts");
        File.WriteAllText(file, "# fleet\nweb1\nalice@web2:2222  # note\n\nbad host line\nweb1\nWEB1\n-oProxyCommand=x\nweb3:99999\n");
        var inventory = new HostInventory();

        HostListReader.Read(file, inventory);

        Assert.Equal(["web1", "alice@web2:2222"], inventory.Entries.Select(e => e.Destination));
        Assert.Equal($"{file}:2", inventory.Entries[0].Source);
        Assert.Equal(2, inventory.Duplicates);
        Assert.Equal([$"{file}:5", $"{file}:8", $"{file}:9"], inventory.Problems.Select(p => p.Where));
        Assert.Contains("hostname contains invalid characters", inventory.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_host_list_is_refused_before_anything_runs()
    {
        Assert.Throws<InventoryUnreadableException>(() => HostListReader.Read("/nonexistent/hosts", new HostInventory()));
        Assert.Throws<InventoryUnreadableException>(() => HostListReader.Read("/dev/zero", new HostInventory()));
    }

    [Fact]
    public void An_ansible_ini_inventory_applies_host_group_parent_and_all_vars()
    {
        using var dir = new LogsTestSupport.TempDir();
        var file = dir.File("inventory.ini");
        File.WriteAllText(file, """
            lonely.example
            [web]
            web[01:03].example ansible_user=deploy
            db1 ansible_host=10.0.0.5 ansible_port=2222
            [web:vars]
            ansible_port=2200
            [prod:children]
            web
            [prod:vars]
            ansible_user=ops
            [all:vars]
            ansible_user=root
            [broken
            [web]
            web04 ansible_port=notaport
            web05 stray
            """);
        var inventory = new HostInventory();

        AnsibleInventory.Read(file, inventory);

        Assert.Equal(["root@lonely.example", "deploy@web01.example:2200", "deploy@web02.example:2200", "deploy@web03.example:2200", "ops@10.0.0.5:2222"],
            inventory.Entries.Select(e => e.Destination));
        Assert.Equal("db1", inventory.Entries[4].Name);
        Assert.Equal([$"{file}:13", $"{file}:16", $"{file}:15"], inventory.Problems.Select(p => p.Where));
    }

    [Fact]
    public void An_ansible_yaml_inventory_is_read_by_indentation()
    {
        using var dir = new LogsTestSupport.TempDir();
        var file = dir.File("inventory.yml");
        File.WriteAllText(file, """
            ---
            all:
              vars:
                ansible_user: admin
              hosts:
                mail.example:
              children:
                web:
                  hosts:
                    web1.example:
                      ansible_port: 2222
                    web2.example:
                      ansible_host: "192.0.2.7"   # pinned
                  vars:
                    ansible_user: deploy
                odd:
                  - a list
            """);
        var inventory = new HostInventory();

        AnsibleInventory.Read(file, inventory);

        Assert.Equal(["admin@mail.example", "deploy@web1.example:2222", "deploy@192.0.2.7"], inventory.Entries.Select(e => e.Destination));
        Assert.Equal([$"{file}:17"], inventory.Problems.Select(p => p.Where));
    }

    [Fact]
    public void Known_hosts_gives_its_plain_names_only()
    {
        using var dir = new LogsTestSupport.TempDir();
        var file = dir.File("known_hosts");
        File.WriteAllText(file, """
            web1,192.0.2.1 ssh-ed25519 AAAA
            [web2]:2222 ssh-ed25519 AAAA
            |1|abc=|def= ssh-ed25519 AAAA
            @cert-authority *.example ssh-ed25519 AAAA
            *.wild ssh-ed25519 AAAA
            [2001:db8::1]:2200 ssh-ed25519 AAAA
            """);
        var inventory = new HostInventory();

        KnownHostsNames.Read(file, "/nonexistent", inventory);

        Assert.Equal(["web1", "192.0.2.1", "web2:2222", "[2001:db8::1]:2200"], inventory.Entries.Select(e => e.Destination));
    }

    [Fact]
    public void Ssh_config_gives_its_concrete_hosts_and_follows_includes()
    {
        using var dir = new LogsTestSupport.TempDir();
        var config = dir.File("config");
        File.WriteAllText(dir.File("more.conf"), "Host included\n  Port 2222\n");
        File.WriteAllText(config, $"Host web1 web2 *.wild !neg\n  User alice\nInclude {dir.File("more.conf")}\nHost *\n  ServerAliveInterval 5\n");
        var inventory = new HostInventory();

        SshConfigHosts.Read(config, "/nonexistent", inventory);

        Assert.Equal(["web1", "web2", "included"], inventory.Entries.Select(e => e.Destination));
        Assert.Equal($"{dir.File("more.conf")}:1", inventory.Entries[2].Source);
    }
}
