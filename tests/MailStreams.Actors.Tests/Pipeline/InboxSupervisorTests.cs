using Akka.Actor;
using Akka.TestKit.Xunit2;
using MailStreams.Hosting;
using MailStreams.Ingress;
using MailStreams.Mail;
using MailStreams.Pipeline;
using MailStreams.Store;
using MailStreams.Store.Embedded;
using MailStreams.Testing;
using MailStreams.Tools;

namespace MailStreams.Actors.Tests.Pipeline;

public sealed class InboxSupervisorTests : TestKit, IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private SqliteStreamStore _store = null!;
    private InboxPipelineServices _services = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteStreamStore(_dir.File("streams.db"));
        Directory.CreateDirectory(_dir.File("tools"));
        await File.WriteAllTextAsync(_dir.File("tools/index.js"),
            "export const first = (e) => 'first: ' + e.subject;\nexport const second = (e) => 'second: ' + e.subject;");
        var limits = new ToolLimits();
        _services = new InboxPipelineServices(_store, new ActiveTools(await ToolPackage.LoadAsync(_dir.File("tools"), limits)),
            new ToolInvoker(limits), new LoopGuard(new LoopGuardOptions { Domains = ["example.com"] }),
            new ReplyBuilder(new ReplyBuilderOptions { BaseDomain = "example.com" }), new PipelineSettings(),
            new OutboxReplyBudget(_store, new ReplyBudget(TimeSpan.FromHours(1), 30, 5), TimeSpan.FromHours(1), TimeProvider.System));
    }

    [Fact]
    public async Task Starts_a_pipeline_for_existing_inboxes_and_for_inboxes_created_while_running()
    {
        await AppendEmailAsync("first", "early");
        var supervisor = Sys.ActorOf(InboxSupervisor.Props(_services));
        await AwaitConditionAsync(async () => (await ReadAsync(StreamNames.Outbox)).Count == 1);

        await AppendEmailAsync("second", "late");

        await AwaitConditionAsync(async () => (await ReadAsync(StreamNames.Outbox)).Count == 2);
        Assert.Equal(["first", "second"], await supervisor.Ask<string[]>(new InboxSupervisor.GetInboxes()));
        var replies = (await ReadAsync(StreamNames.Outbox)).Select(r => MailJson.Deserialize<OutboundEmail>(r.Body).Text);
        Assert.Equal(["first: early", "second: late"], replies);
    }

    private Task AppendEmailAsync(string inbox, string subject) =>
        _store.AppendAsync(StreamNames.Inbox(inbox), [InboxWriter.ToRecord(new Email
        {
            Id = subject, Source = "local", From = "alice@example.org", To = [$"{inbox}@example.com"], Subject = subject, Text = subject,
        })]);

    private Task<IReadOnlyList<StreamRecord>> ReadAsync(string stream) => _store.ReadAllAsync(stream);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }
}
