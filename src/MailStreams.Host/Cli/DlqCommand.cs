using System.CommandLine;
using System.Text.Json;

namespace MailStreams.Host.Cli;

/// <summary><c>mailstreams dlq ls|show|retry|drop</c>: dead letters of a running daemon; decisions are records in <c>events/dlq</c>.</summary>
internal static class DlqCommand
{
    public static Command Create()
    {
        var command = new Command("dlq", "Dead letters: list, show, retry, drop.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Decide("retry", "Append the dead record again to the stream it came from (recorded in events/dlq)."));
        command.Subcommands.Add(Decide("drop", "Mark the dead record as dropped (recorded in events/dlq; nothing is deleted)."));
        return command;
    }

    private static Command List()
    {
        var url = CommonOptions.DaemonUrl();
        var token = CommonOptions.AdminToken();
        var command = new Command("ls", "The dead/* streams with their open and total counts.") { url, token };
        command.SetAction((parse, ct) => CallAsync(parse.GetValue(url)!, parse.GetValue(token), c => c.GetAsync("api/dlq", ct), body =>
        {
            foreach (var s in JsonDocument.Parse(body).RootElement.EnumerateArray())
                Console.WriteLine($"{s.GetProperty("stream").GetString()}\topen {s.GetProperty("open").GetInt32()}\ttotal {s.GetProperty("total").GetInt32()}");
        }));
        return command;
    }

    private static Command Show()
    {
        var stream = new Argument<string>("stream") { Description = "a dead-letter stream, e.g. dead/inbox/reverser" };
        var url = CommonOptions.DaemonUrl();
        var token = CommonOptions.AdminToken();
        var command = new Command("show", "The records of a dead-letter stream with their status and reason.") { stream, url, token };
        command.SetAction((parse, ct) => CallAsync(parse.GetValue(url)!, parse.GetValue(token),
            c => c.GetAsync($"api/dlq/records?stream={Uri.EscapeDataString(parse.GetValue(stream)!)}", ct), body =>
            {
                foreach (var d in JsonDocument.Parse(body).RootElement.EnumerateArray())
                    Console.WriteLine($"{d.GetProperty("seqNum").GetInt64()}\t{d.GetProperty("status").GetString()}\t{d.GetProperty("reason").GetString()}");
            }));
        return command;
    }

    private static Command Decide(string action, string description)
    {
        var stream = new Argument<string>("stream") { Description = "a dead-letter stream, e.g. dead/inbox/reverser" };
        var seq = new Argument<long>("seq") { Description = "the record's seq_num" };
        var url = CommonOptions.DaemonUrl();
        var token = CommonOptions.AdminToken();
        var command = new Command(action, description) { stream, seq, url, token };
        command.SetAction((parse, ct) => CallAsync(parse.GetValue(url)!, parse.GetValue(token),
            c => c.PostAsync($"api/dlq/{action}?stream={Uri.EscapeDataString(parse.GetValue(stream)!)}&seq={parse.GetValue(seq)}", null, ct),
            body => Console.WriteLine(JsonDocument.Parse(body).RootElement.GetProperty("status").GetString())));
        return command;
    }

    private static async Task<int> CallAsync(string url, string? token, Func<HttpClient, Task<HttpResponseMessage>> call, Action<string> print)
    {
        using var client = CommonOptions.Client(url, token);
        try
        {
            using var response = await call(client);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
                return CommonOptions.Fail($"{(int)response.StatusCode}: {body}", (int)response.StatusCode is 400 or 404 or 409 ? 2 : 1);
            print(body);
            return 0;
        }
        catch (HttpRequestException e)
        {
            return CommonOptions.Fail($"cannot reach the daemon at {url} ({e.Message}); is `mailstreams run` running?");
        }
    }
}
