using System.Diagnostics;
using MailStreams.Host.Tests.Daemon;

namespace MailStreams.Host.Tests.Http.S2;

/// <summary>
/// The official S2 TypeScript SDK (<c>@s2-dev/streamstore</c>, pinned by tests/s2-sdk/package-lock.json) drives the
/// S2-compatible endpoint: create, list, append batches, read, check tail, a read session following new appends,
/// the match_seq_num conflict and the error shapes. Needs Node.js and npm on the PATH; installs with <c>npm ci</c>
/// when node_modules is missing.
/// </summary>
public sealed class S2SdkTests(S2EndpointServer server) : IClassFixture<S2EndpointServer>
{
    private static readonly string SdkFolder = Path.Combine(RepoPaths.Root, "tests", "s2-sdk");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    [Fact]
    public async Task The_official_TypeScript_SDK_passes_its_checks_against_the_endpoint()
    {
        await EnsureInstalledAsync();
        var (exit, output) = await RunAsync("node", ["check.mjs"], TimeSpan.FromSeconds(60), new()
        {
            ["S2_BASIN_ENDPOINT"] = server.Endpoint,
            ["S2_ACCESS_TOKEN"] = "sdk-token",
            ["S2_STREAM_PREFIX"] = "sdk" + Guid.NewGuid().ToString("N")[..8] + "/",
        });
        Assert.True(exit == 0, "the SDK checks failed:\n" + output);
        Assert.Contains("all checks passed", output);
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(SdkFolder, "node_modules", "@s2-dev", "streamstore"))) return;
            var (exit, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(3), []);
            Assert.True(exit == 0, "npm ci in tests/s2-sdk failed:\n" + output);
        }
        finally { InstallLock.Release(); }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string[] args, TimeSpan limit, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = SdkFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' could not be started ({e.Message}): these tests need Node.js 20+ and npm on the PATH", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(limit);
            try { await process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {limit}: {await stdout}{await stderr}");
            }
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
