using System.CommandLine;
using System.Text.Json;

namespace MailStreams.Host.Cli;

/// <summary>
/// <c>mailstreams replay inbox/&lt;name&gt; --from N [--to M] [--dry-run]</c>: re-run the tool over inbox records. A dry run
/// writes would-be replies to <c>shadow/inbox/&lt;name&gt;</c> and prints how they differ from what was sent; a real run
/// sends only replies whose idempotency key was never written to the outbox.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var stream = new Argument<string>("stream") { Description = "an inbox stream, e.g. inbox/reverser" };
        var from = new Option<long>("--from") { Description = "first seq_num", Required = true };
        var to = new Option<long?>("--to") { Description = "last seq_num (default: the end)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "write to the shadow stream and compare; send nothing" };
        var url = CommonOptions.DaemonUrl();
        var token = CommonOptions.AdminToken();
        var command = new Command("replay", "Re-run the tool over inbox records.") { stream, from, to, dryRun, url, token };
        command.SetAction(async (parse, ct) =>
        {
            var query = $"api/replay?stream={Uri.EscapeDataString(parse.GetValue(stream)!)}&from={parse.GetValue(from)}&dryRun={parse.GetValue(dryRun)}";
            if (parse.GetValue(to) is { } last) query += $"&to={last}";
            using var client = CommonOptions.Client(parse.GetValue(url)!, parse.GetValue(token));
            try
            {
                using var response = await client.PostAsync(query, null, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                    return CommonOptions.Fail($"{(int)response.StatusCode}: {body}", (int)response.StatusCode == 400 ? 2 : 1);
                foreach (var line in JsonDocument.Parse(body).RootElement.EnumerateArray())
                    Console.WriteLine($"{line.GetProperty("key").GetString()}\t{line.GetProperty("action").GetString()}\t{line.GetProperty("detail").GetString()}");
                return 0;
            }
            catch (HttpRequestException e)
            {
                return CommonOptions.Fail($"cannot reach the daemon at {parse.GetValue(url)} ({e.Message}); is `mailstreams run` running?");
            }
        });
        return command;
    }
}
