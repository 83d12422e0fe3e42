using System.Text.RegularExpressions;
using MailStreams.Testing;

namespace MailStreams.Host.Tests.Cli;

public sealed class WebhookCommandTests : IDisposable
{
    private const string Secret = "whsec_T1yuuscPZAE7nnR/KDLocAhizmY2pr2X";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Sign_prints_headers_that_verify_accepts()
    {
        var body = WriteBody("body.json", File.ReadAllText(TestFiles.Vector("resend-email-received.json")));

        var signed = await CliProcess.RunAsync("webhook", "sign", body, "--secret", Secret, "--id", "msg_cli");
        var (ts, sig) = HeadersOf(signed.Output);
        var verified = await CliProcess.RunAsync("webhook", "verify", body, "--secret", Secret, "--id", "msg_cli", "--timestamp", ts, "--signature", sig);

        Assert.Equal(0, signed.ExitCode);
        Assert.Contains("curl", signed.Output);
        Assert.Equal(0, verified.ExitCode);
        Assert.StartsWith("valid", verified.Output);
    }

    [Fact]
    public async Task Verify_says_the_body_changed_when_a_trailing_newline_was_added()
    {
        var body = WriteBody("body.json", "{\"type\":\"email.sent\",\"data\":{}}");
        var (ts, sig) = HeadersOf((await CliProcess.RunAsync("webhook", "sign", body, "--secret", Secret, "--id", "msg_1")).Output);
        var changed = WriteBody("changed.json", "{\"type\":\"email.sent\",\"data\":{}}\n");

        var verified = await CliProcess.RunAsync("webhook", "verify", changed, "--secret", Secret, "--id", "msg_1", "--timestamp", ts, "--signature", sig);

        Assert.Equal(1, verified.ExitCode);
        Assert.StartsWith("invalid", verified.Output);
        Assert.Contains("newline", verified.Output);
    }

    [Fact]
    public async Task Verify_says_by_how_many_seconds_a_delivery_is_stale()
    {
        var body = WriteBody("body.json", "{}");
        var old = DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeSeconds().ToString();
        var (_, sig) = HeadersOf((await CliProcess.RunAsync("webhook", "sign", body, "--secret", Secret, "--id", "msg_1", "--timestamp", old)).Output);

        var verified = await CliProcess.RunAsync("webhook", "verify", body, "--secret", Secret, "--id", "msg_1", "--timestamp", old, "--signature", sig);

        Assert.Equal(1, verified.ExitCode);
        Assert.Matches(@"\b1[12]\d\d\b", verified.Output);
    }

    [Fact]
    public async Task A_secret_that_is_not_base64_is_a_usage_error()
    {
        var body = WriteBody("body.json", "{}");

        var result = await CliProcess.RunAsync("webhook", "verify", body, "--secret", "whsec_not*base64", "--id", "m", "--timestamp", "1", "--signature", "v1,x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("secret", result.Error);
    }

    [Fact]
    public async Task A_missing_body_file_is_a_usage_error()
    {
        var result = await CliProcess.RunAsync("webhook", "sign", _dir.File("nope.json"), "--secret", Secret);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file", result.Error);
    }

    private string WriteBody(string name, string text)
    {
        File.WriteAllText(_dir.File(name), text);
        return _dir.File(name);
    }

    private static (string Timestamp, string Signature) HeadersOf(string output) =>
        (Regex.Match(output, @"svix-timestamp: (\d+)").Groups[1].Value, Regex.Match(output, @"svix-signature: (\S+)").Groups[1].Value);

    public void Dispose() => _dir.Dispose();
}
