using System.CommandLine;
using System.Text;
using MailStreams.Ingress.Svix;

namespace MailStreams.Host.Cli;

/// <summary>
/// <c>mailstreams webhook sign|verify</c>: for the most common webhook trouble. <c>sign</c> prints a correctly signed
/// delivery of a body file, ready for curl; <c>verify</c> says whether a delivery is valid, or exactly why not.
/// </summary>
internal static class WebhookCommand
{
    public static Command Create()
    {
        var command = new Command("webhook", "Sign or check Resend (Svix) webhook deliveries.");
        command.Subcommands.Add(Sign());
        command.Subcommands.Add(Verify());
        return command;
    }

    private static Option<string> Secret() => new("--secret")
    {
        Description = "the endpoint's signing secret, whsec_… (env RESEND_WEBHOOK_SECRET)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RESEND_WEBHOOK_SECRET") ?? "",
    };

    private static Argument<FileInfo> Body() => new("body") { Description = "file holding the exact request body" };

    private static Command Sign()
    {
        var secret = Secret();
        var body = Body();
        var id = new Option<string>("--id") { Description = "svix-id", DefaultValueFactory = _ => "msg_" + Guid.NewGuid().ToString("N")[..24] };
        var timestamp = new Option<long?>("--timestamp") { Description = "svix-timestamp (Unix seconds; default now)" };
        var url = CommonOptions.DaemonUrl();
        var command = new Command("sign", "Print the svix-* headers of a body file and a curl command that delivers it.") { body, secret, id, timestamp, url };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(body)!;
            if (!file.Exists) return CommonOptions.Fail($"no such file: {file.FullName}", 2);
            var ts = parse.GetValue(timestamp) ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (ts <= 0) return CommonOptions.Fail("--timestamp must be Unix seconds (> 0)", 2);
            string signature;
            try { signature = SvixSigner.Sign(parse.GetValue(secret)!, parse.GetValue(id)!, ts, File.ReadAllBytes(file.FullName)); }
            catch (WebhookSecretException e) { return CommonOptions.Fail(e.Message, 2); }
            Console.WriteLine($"svix-id: {parse.GetValue(id)}");
            Console.WriteLine($"svix-timestamp: {ts}");
            Console.WriteLine($"svix-signature: {signature}");
            Console.WriteLine();
            Console.WriteLine($"curl -sS -X POST '{parse.GetValue(url)!.TrimEnd('/')}/webhooks/resend' -H 'content-type: application/json' " +
                              $"-H 'svix-id: {parse.GetValue(id)}' -H 'svix-timestamp: {ts}' -H 'svix-signature: {signature}' " +
                              $"--data-binary @'{file.FullName}'");
            return 0;
        });
        return command;
    }

    private static Command Verify()
    {
        var secret = Secret();
        var body = Body();
        var id = new Option<string?>("--id") { Description = "the svix-id header as received" };
        var timestamp = new Option<string?>("--timestamp") { Description = "the svix-timestamp header as received" };
        var signature = new Option<string?>("--signature") { Description = "the svix-signature header as received" };
        var now = new Option<long?>("--now") { Description = "check as of this Unix time (default: now)" };
        var command = new Command("verify", "Check a delivery: valid, or exactly why not.") { body, secret, id, timestamp, signature, now };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(body)!;
            if (!file.Exists) return CommonOptions.Fail($"no such file: {file.FullName}", 2);
            var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                ["svix-id"] = parse.GetValue(id),
                ["svix-timestamp"] = parse.GetValue(timestamp),
                ["svix-signature"] = parse.GetValue(signature),
            };
            var at = parse.GetValue(now) is { } n ? DateTimeOffset.FromUnixTimeSeconds(n) : DateTimeOffset.UtcNow;
            var result = SvixDiagnosis.Diagnose(parse.GetValue(secret)!, headers, File.ReadAllBytes(file.FullName), at);
            if (result.Kind == SvixDiagnosisKind.BadSecret) return CommonOptions.Fail(result.Message, 2);
            Console.WriteLine(result.IsValid ? "valid: " + result.Message : "invalid: " + result.Message);
            return result.IsValid ? 0 : 1;
        });
        return command;
    }
}
