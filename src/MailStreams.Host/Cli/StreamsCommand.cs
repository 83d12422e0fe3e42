using System.CommandLine;
using System.Text.Json;

namespace MailStreams.Host.Cli;

/// <summary><c>mailstreams streams ls|read</c>: look into the streams of a running daemon.</summary>
internal static class StreamsCommand
{
    public static Command Create()
    {
        var command = new Command("streams", "List and read streams.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Read());
        return command;
    }

    private static Command List()
    {
        var prefix = new Option<string>("--prefix") { Description = "only streams starting with this", DefaultValueFactory = _ => "" };
        var url = CommonOptions.DaemonUrl();
        var token = CommonOptions.AdminToken();
        var command = new Command("ls", "List streams.") { prefix, url, token };
        command.SetAction((parse, ct) => WithDaemon(parse.GetValue(url)!, parse.GetValue(token), async client =>
        {
            using var response = await client.GetAsync($"api/streams?prefix={Uri.EscapeDataString(parse.GetValue(prefix)!)}", ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) return CommonOptions.Fail($"{(int)response.StatusCode}: {body}");
            foreach (var s in JsonDocument.Parse(body).RootElement.EnumerateArray())
                Console.WriteLine(s.GetProperty("name").GetString());
            return 0;
        }));
        return command;
    }

    private static Command Read()
    {
        var stream = new Argument<string>("stream") { Description = "stream name, e.g. inbox/reverser" };
        var from = new Option<long>("--from") { Description = "first seq_num", DefaultValueFactory = _ => 0 };
        var count = new Option<int?>("--count") { Description = "at most this many records" };
        var follow = new Option<bool>("--follow", "-f") { Description = "keep waiting for new records" };
        var url = CommonOptions.DaemonUrl();
        var token = CommonOptions.AdminToken();
        var command = new Command("read", "Print the records of a stream, one JSON object per line.") { stream, from, count, follow, url, token };
        command.SetAction((parse, ct) => WithDaemon(parse.GetValue(url)!, parse.GetValue(token), async client =>
        {
            if (parse.GetValue(from) < 0) return CommonOptions.Fail("--from must be >= 0", 2);
            if (parse.GetValue(count) <= 0) return CommonOptions.Fail("--count must be > 0", 2);
            var query = $"api/records?stream={Uri.EscapeDataString(parse.GetValue(stream)!)}&from={parse.GetValue(from)}&follow={parse.GetValue(follow)}";
            if (parse.GetValue(count) is { } n) query += $"&count={n}";
            using var response = await client.GetAsync(query, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
                return CommonOptions.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            try
            {
                while (await reader.ReadLineAsync(ct) is { } line) Console.WriteLine(line);
            }
            catch (OperationCanceledException) { }
            return 0;
        }));
        return command;
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
