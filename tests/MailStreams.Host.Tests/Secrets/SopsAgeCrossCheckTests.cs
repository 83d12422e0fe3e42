using System.Diagnostics;
using System.Text.Json;
using MailStreams.Host.Secrets;
using MailStreams.Host.Tests.Daemon;

namespace MailStreams.Host.Tests.Secrets;

/// <summary>
/// Files written by MailStreams decrypt with an independent SOPS implementation, the npm package sops-age (pinned by
/// the lock file in sops-check/, installed with <c>npm ci</c> when missing), with each recipient's key.
/// </summary>
public sealed class SopsAgeCrossCheckTests : IDisposable
{
    private static readonly Lazy<string> CheckDirectory = new(InstallSopsAge);
    private readonly AgeKeys _keys = new();

    [Theory]
    [InlineData("secrets.encrypted.yaml")]
    [InlineData("secrets.encrypted.json")]
    public async Task Sops_age_decrypts_a_file_written_by_mailstreams_with_each_recipient(string name)
    {
        var (first, firstRecipient) = _keys.New("first");
        var (second, secondRecipient) = _keys.New("second");
        var path = Path.Combine(_keys.Directory, name);
        var file = SecretsFile.New([firstRecipient, secondRecipient]);
        file.Set("RESEND_API_KEY", "re_abc:def/+=");
        file.Set("MailStreams:AdminToken", "tøken 😀");
        file.Save(path, DateTimeOffset.UtcNow);

        foreach (var key in new[] { first, second })
        {
            var values = JsonDocument.Parse(await RunNodeAsync(path, key)).RootElement;
            Assert.Equal("re_abc:def/+=", values.GetProperty("RESEND_API_KEY").GetString());
            Assert.Equal("tøken 😀", values.GetProperty("MailStreams").GetProperty("AdminToken").GetString());
        }
    }

    private static async Task<string> RunNodeAsync(string file, string identity)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = CheckDirectory.Value, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "decrypt.mjs", file, identity }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "sops-age failed: " + await error);
        return await output;
    }

    private static string InstallSopsAge()
    {
        var directory = Path.Combine(RepoPaths.Root, "tests", "MailStreams.Host.Tests", "Secrets", "sops-check");
        if (Directory.Exists(Path.Combine(directory, "node_modules", "sops-age"))) return directory;
        var start = new ProcessStartInfo("npm") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "ci", "--no-audit", "--no-fund" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("npm ci in sops-check failed: " + error.Result);
        return directory;
    }

    public void Dispose() => _keys.Dispose();
}
