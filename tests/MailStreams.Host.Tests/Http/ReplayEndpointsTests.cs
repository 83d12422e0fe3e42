using System.Text.Json;
using MailStreams.Host.Tests.Daemon;
using MailStreams.Store;
using MailStreams.Testing;

namespace MailStreams.Host.Tests.Http;

/// <summary>Replay on the real daemon: a dry run compares in a shadow stream; a real run sends only what was never sent.</summary>
public sealed class ReplayEndpointsTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _tools = new();

    private Task<RunningDaemon> StartAsync(string tool)
    {
        File.WriteAllText(_tools.File("index.js"), tool);
        return RunningDaemon.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["MailStreams:ToolsDirectory"] = _tools.Path,
            ["MailStreams:Pipeline:ToolAttempts"] = "1",
        });
    }

    private static async Task<JsonElement[]> ReplayAsync(RunningDaemon daemon, string query)
    {
        var answer = await daemon.Client.PostAsync("api/replay?stream=inbox%2Fecho&" + query, null);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToArray();
    }

    [Fact]
    public async Task A_dry_run_shows_the_difference_and_a_real_run_sends_only_the_email_never_answered()
    {
        await using (var first = await StartAsync("export const echo = (e) => { if (e.subject === 'two') throw new Error('bug'); return 'v1 ' + e.subject; };"))
        {
            await Mails.PostAsync(first.Client, Mails.Raw("echo@example.com", subject: "one"));
            await Mails.PostAsync(first.Client, Mails.Raw("echo@example.com", subject: "two"));
            await first.WaitForRecordsAsync(StreamNames.Sent, 1);
            await first.WaitForRecordsAsync("dead/inbox/echo", 1);
        }

        await using var fixedTool = await StartAsync("export const echo = (e) => 'v2 ' + e.subject;");
        var dry = await ReplayAsync(fixedTool, "from=0&dryRun=true");
        Assert.StartsWith("differs: text \"v1 one\" → \"v2 one\"", dry[0].GetProperty("detail").GetString());
        Assert.Equal("never sent", dry[1].GetProperty("detail").GetString());
        Assert.Equal(2, (await fixedTool.ReadAsync("shadow/inbox/echo")).Count);
        Assert.Single(await fixedTool.ReadAsync(StreamNames.Outbox));

        var real = await ReplayAsync(fixedTool, "from=0&to=1");
        Assert.Equal(["already in outbox, not sent again", "sent now"], real.Select(l => l.GetProperty("action").GetString()));
        var sent = await fixedTool.WaitForRecordsAsync(StreamNames.Sent, 2);
        Assert.Equal(["inbox/echo:0", "inbox/echo:1"], sent.Select(s => s.Header("idempotency-key")));
        Assert.Equal(2, (await fixedTool.ReadAsync(StreamNames.Outbox)).Count);
    }

    [Fact]
    public async Task A_replay_of_something_that_is_not_an_inbox_gets_400()
    {
        await using var daemon = await StartAsync("export const echo = (e) => e.subject;");

        var answer = await daemon.Client.PostAsync("api/replay?stream=outbox&from=0", null);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, answer.StatusCode);
    }

    public void Dispose()
    {
        _data.Dispose();
        _tools.Dispose();
    }
}
