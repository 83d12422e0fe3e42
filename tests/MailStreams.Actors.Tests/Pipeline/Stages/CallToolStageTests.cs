using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit.Xunit2;
using MailStreams.Mail;
using MailStreams.Pipeline;
using MailStreams.Pipeline.Stages;
using MailStreams.Testing;
using MailStreams.Tools;

namespace MailStreams.Actors.Tests.Pipeline.Stages;

public sealed class CallToolStageTests : TestKit
{
    private readonly TempDirectory _tools = new();
    private readonly ToolInvoker _invoker = new(new ToolLimits { Timeout = TimeSpan.FromMilliseconds(500) });

    [Fact]
    public async Task Calls_the_tool_named_after_the_inbox_in_stream_order()
    {
        var tools = await ToolsAsync("export const shout = (e) => e.text.toUpperCase();");
        var (source, sink) = this.SourceProbe<InboxItem>()
            .Via(CallToolStage.Create(tools, _invoker, 3, default))
            .ToMaterialized(this.SinkProbe<InboxItem>(), Keep.Both)
            .Run(Sys.Materializer());
        sink.Request(2);

        source.SendNext(Item("shout", "one"));
        source.SendNext(Item("shout", "two"));

        Assert.Equal("ONE", Reply(sink.ExpectNext(TimeSpan.FromSeconds(10))).Text);
        Assert.Equal("TWO", Reply(sink.ExpectNext(TimeSpan.FromSeconds(10))).Text);
    }

    [Fact]
    public async Task A_tool_returning_null_means_no_reply()
    {
        var tools = await ToolsAsync("export const quiet = () => null;");

        var item = await CallToolStage.CallAsync(tools, _invoker, 3, Item("quiet", "x"), default);

        Assert.IsType<InboxDecision.NoReply>(item.Decision);
    }

    [Fact]
    public async Task A_tool_that_keeps_failing_is_tried_the_given_number_of_times_then_the_email_is_dead()
    {
        var tools = await ToolsAsync("export const flaky = () => { throw new Error('no luck'); };");

        var item = await CallToolStage.CallAsync(tools, _invoker, 3, Item("flaky", "x"), default);

        var dead = Assert.IsType<InboxDecision.Dead>(item.Decision);
        Assert.Contains("failed 3 times", dead.Error);
        Assert.Contains("no luck", dead.Error);
    }

    [Fact]
    public async Task A_tool_that_never_returns_is_stopped_by_its_time_limit()
    {
        var tools = await ToolsAsync("export const stuck = () => { for (;;) {} };");

        var item = await CallToolStage.CallAsync(tools, _invoker, 1, Item("stuck", "x"), default);

        Assert.IsType<InboxDecision.Dead>(item.Decision);
    }

    [Fact]
    public async Task An_inbox_without_a_tool_gets_no_reply_with_the_reason()
    {
        var tools = await ToolsAsync("export const other = () => 'x';");

        var item = await CallToolStage.CallAsync(tools, _invoker, 3, Item("missing", "x"), default);

        Assert.Contains("no-tool", Assert.IsType<InboxDecision.NoReply>(item.Decision).Reason);
    }

    private async Task<ActiveTools> ToolsAsync(string source)
    {
        await File.WriteAllTextAsync(_tools.File("index.js"), source);
        return new ActiveTools(await ToolPackage.LoadAsync(_tools.Path));
    }

    private static Reply Reply(InboxItem item) => Assert.IsType<InboxDecision.Replied>(item.Decision).Reply;

    private static InboxItem Item(string inbox, string text)
    {
        var email = new Email { Id = "e-" + text, Source = "local", From = "alice@example.org", Subject = "s", Text = text };
        return new InboxItem(inbox, DecodeEmailStageTests.EmailRecord(0, email), email, InboxDecision.Pending);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _tools.Dispose();
    }
}
