using System.CommandLine;
using System.Text.Json;

namespace MailStreams.Host.Cli;

/// <summary><c>mailstreams tools sync|status|test</c>: the tools lifecycle from the command line.</summary>
internal static class ToolsCommand
{
    public static Command Create()
    {
        var command = new Command("tools", "Sync, inspect and test the tools.");
        command.Subcommands.Add(Sync());
        command.Subcommands.Add(Status());
        command.Subcommands.Add(ToolsTestCommand.Create());
        command.Subcommands.Add(ToolsBenchCommand.Create());
        return command;
    }

    private static Command Sync()
    {
        var url = CommonOptions.DaemonUrl();
        var token = CommonOptions.AdminToken();
        var command = new Command("sync", "Make the running daemon fetch the tools repository now and activate a new version if it passes its tests.") { url, token };
        command.SetAction((parse, ct) => WithDaemon(parse.GetValue(url)!, parse.GetValue(token), async client =>
        {
            using var response = await client.PostAsync("api/tools/sync", null, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) return CommonOptions.Fail($"{(int)response.StatusCode}: {body}");
            var report = JsonDocument.Parse(body).RootElement;
            PrintReport(report, "");
            return report.GetProperty("outcome").GetString() is "activated" or "unchanged" ? 0 : 1;
        }));
        return command;
    }

    private static Command Status()
    {
        var url = CommonOptions.DaemonUrl();
        var token = CommonOptions.AdminToken();
        var json = new Option<bool>("--json") { Description = "print the raw JSON of GET /api/tools" };
        var command = new Command("status", "Show the live tools version, the last sync, refused versions and calls per inbox.") { url, token, json };
        command.SetAction((parse, ct) => WithDaemon(parse.GetValue(url)!, parse.GetValue(token), async client =>
        {
            using var response = await client.GetAsync("api/tools", ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) return CommonOptions.Fail($"{(int)response.StatusCode}: {body}");
            if (parse.GetValue(json)) { Console.WriteLine(body); return 0; }
            var status = JsonDocument.Parse(body).RootElement;
            var active = status.GetProperty("active");
            Console.WriteLine($"source:  {status.GetProperty("source").GetString()}");
            Console.WriteLine($"active:  {active.GetProperty("revision").GetString()} since {active.GetProperty("activatedAt")} " +
                              $"(tools: {string.Join(", ", active.GetProperty("tools").EnumerateArray().Select(t => t.GetString()))})");
            if (status.GetProperty("lastSync") is { ValueKind: JsonValueKind.Object } last) PrintReport(last, "last sync: ");
            foreach (var failed in status.GetProperty("failed").EnumerateArray()) PrintReport(failed, "refused: ");
            foreach (var inbox in status.GetProperty("inboxes").EnumerateObject())
                Console.WriteLine($"inbox/{inbox.Name}: {inbox.Value.GetProperty("calls")} calls, {inbox.Value.GetProperty("errors")} errors" +
                                  (inbox.Value.GetProperty("lastError").GetString() is { } e ? $" (last: {e})" : ""));
            return 0;
        }));
        return command;
    }

    private static void PrintReport(JsonElement report, string prefix)
    {
        Console.WriteLine($"{prefix}{report.GetProperty("at")} {report.GetProperty("trigger").GetString()}: " +
                          $"{report.GetProperty("outcome").GetString()}: {report.GetProperty("message").GetString()}");
        foreach (var problem in report.GetProperty("problems").EnumerateArray()) Console.WriteLine("  " + problem.GetString());
    }

    private static async Task<int> WithDaemon(string url, string? token, Func<HttpClient, Task<int>> action)
    {
        using var client = CommonOptions.Client(url, token);
        try { return await action(client); }
        catch (HttpRequestException e)
        {
            return CommonOptions.Fail($"cannot reach the daemon at {url} ({e.Message}); is `mailstreams run` running?");
        }
    }
}
