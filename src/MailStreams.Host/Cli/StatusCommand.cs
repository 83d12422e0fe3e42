using System.CommandLine;
using System.Text.Json;

namespace MailStreams.Host.Cli;

/// <summary>
/// <c>mailstreams status [--json]</c>: what the running daemon reports at <c>GET /api/status</c> — version, runtime,
/// tools, lag per inbox, outbox depth, dead letters. Exit 0 when it answered, 1 when it could not be reached.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var url = CommonOptions.DaemonUrl();
        var token = CommonOptions.AdminToken();
        var json = new Option<bool>("--json") { Description = "print the daemon's JSON as it is" };
        var command = new Command("status", "Show what the running daemon is doing: versions, lag per inbox, dead letters.") { url, token, json };
        command.SetAction(async (parse, ct) =>
        {
            using var client = CommonOptions.Client(parse.GetValue(url)!, parse.GetValue(token));
            client.Timeout = TimeSpan.FromSeconds(15);
            string body;
            try
            {
                using var response = await client.GetAsync("api/status", ct);
                body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode) return CommonOptions.Fail($"the daemon answered {(int)response.StatusCode}: {body}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return CommonOptions.Fail($"no daemon at {parse.GetValue(url)}: {e.Message}");
            }
            if (parse.GetValue(json)) Console.WriteLine(body);
            else Print(JsonDocument.Parse(body).RootElement);
            return 0;
        });
        return command;
    }

    private static void Print(JsonElement s)
    {
        var tools = s.GetProperty("tools");
        Console.WriteLine($"mailstreams {s.GetProperty("version").GetString()} on {s.GetProperty("runtime").GetString()}, up since {s.GetProperty("startedAt").GetDateTimeOffset():u}");
        Console.WriteLine($"data:    {s.GetProperty("dataDirectory").GetString()}   sender: {s.GetProperty("sender").GetString()}");
        Console.WriteLine($"tools:   {string.Join(", ", tools.GetProperty("names").EnumerateArray().Select(n => n.GetString()))} " +
                          $"(version {tools.GetProperty("version").GetString()}, live since {tools.GetProperty("loadedAt").GetDateTimeOffset():u})");
        if (tools.TryGetProperty("lastSync", out var sync) && sync.ValueKind == JsonValueKind.Object)
            Console.WriteLine($"sync:    {sync.GetProperty("at").GetDateTimeOffset():u} ({sync.GetProperty("trigger").GetString()}): " +
                              $"{sync.GetProperty("outcome").GetString()} — {sync.GetProperty("message").GetString()}");
        Console.WriteLine($"{"inbox",-24} {"records",8} {"committed",10} {"lag",6}");
        foreach (var inbox in s.GetProperty("inboxes").EnumerateArray())
            Console.WriteLine($"{inbox.GetProperty("name").GetString(),-24} {inbox.GetProperty("tail").GetInt64(),8} {Text(inbox.GetProperty("committed")),10} {Text(inbox.GetProperty("lag")),6}");
        var outbox = s.GetProperty("outbox");
        Console.WriteLine($"outbox:  {outbox.GetProperty("tail").GetInt64()} records, next {Text(outbox.GetProperty("nextSeq"))}, waiting {Text(outbox.GetProperty("depth"))}");
        var dead = s.GetProperty("deadLetters").EnumerateArray().ToArray();
        Console.WriteLine(dead.Length == 0 ? "dead letters: none" : "dead letters: " + string.Join(", ", dead.Select(d => $"{d.GetProperty("stream").GetString()} {d.GetProperty("count").GetInt64()}")));
    }

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "?" : e.GetRawText();
}
