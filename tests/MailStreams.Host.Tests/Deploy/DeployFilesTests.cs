using System.Diagnostics;
using MailStreams.Host.Daemon;
using MailStreams.Host.Tests.Daemon;
using MailStreams.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MailStreams.Host.Tests.Deploy;

/// <summary>
/// Static checks of deploy/: the setup script passes bash -n and shellcheck, the unit passes systemd-analyze verify and
/// gives the daemon's graceful stop room. The real install runs in deploy/test/chroot-test.sh (minutes, not CI).
/// </summary>
public sealed class DeployFilesTests : IDisposable
{
    private static readonly string DeployDirectory = Path.Combine(RepoPaths.Root, "deploy");
    private static readonly string Unit = Path.Combine(DeployDirectory, "systemd", "mailstreams.service");
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData("setup.sh")]
    [InlineData("test/chroot-test.sh")]
    public async Task The_scripts_pass_bash_syntax_check_and_shellcheck(string script)
    {
        var path = Path.Combine(DeployDirectory, script);

        var syntax = await RunAsync("bash", "-n", path);
        var lint = await RunAsync("shellcheck", path);

        Assert.True(syntax.Code == 0, syntax.Output);
        Assert.True(lint.Code == 0, lint.Output);
    }

    [Fact]
    public async Task The_unit_passes_systemd_analyze_verify()
    {
        // verify also checks that ExecStart exists: point it at a file that does, the rest of the unit as shipped.
        var program = Path.Combine(_temp.Path, "mailstreams");
        await File.WriteAllTextAsync(program, "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var unit = Path.Combine(_temp.Path, "mailstreams.service");
        await File.WriteAllTextAsync(unit, (await File.ReadAllTextAsync(Unit)).Replace("/opt/mailstreams/mailstreams", program));

        var result = await RunAsync("systemd-analyze", "verify", unit);

        Assert.True(result.Code == 0, result.Output);
        Assert.Equal("", result.Output.Trim());
    }

    [Fact]
    public void The_unit_is_notify_type_restarts_on_failure_and_waits_longer_than_the_daemon_drains()
    {
        var lines = File.ReadAllLines(Unit).Select(l => l.Trim()).ToArray();
        Assert.Contains("Type=notify", lines);
        Assert.Contains("Restart=on-failure", lines);
        Assert.Contains("ProtectSystem=strict", lines);
        Assert.Contains("NoNewPrivileges=yes", lines);
        var stop = TimeSpan.FromSeconds(int.Parse(lines.Single(l => l.StartsWith("TimeoutStopSec=")).Split('=')[1].TrimEnd('s')));

        using var app = DaemonApp.Build(new Dictionary<string, string?> { ["MailStreams:DataDirectory"] = _temp.Path, ["urls"] = "http://127.0.0.1:0" });
        var drain = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

        Assert.True(stop > drain + TimeSpan.FromSeconds(10), $"TimeoutStopSec {stop} leaves too little room for the drain ({drain})");
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    public void Dispose() => _temp.Dispose();
}
