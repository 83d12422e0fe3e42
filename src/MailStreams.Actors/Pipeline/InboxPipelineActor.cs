using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using MailStreams.Hosting;
using MailStreams.Mail;
using MailStreams.Pipeline.Stages;
using MailStreams.Store;
using MailStreams.Tools;

namespace MailStreams.Pipeline;

/// <summary>
/// The pipeline of one inbox, an entity keyed by the inbox name (persistence id <c>inbox-pipeline/&lt;name&gt;</c>).
/// Lifecycle: see <see cref="StreamConsumerActor"/>: it persists only its committed offset in <c>inbox/&lt;name&gt;</c>;
/// the replies, dead letters and skips it writes carry the idempotency key <c>inbox/&lt;name&gt;:&lt;seq&gt;</c>.
/// </summary>
internal sealed class InboxPipelineActor(string inbox, InboxPipelineServices services) : StreamConsumerActor(services.Store)
{
    public override string PersistenceId => $"inbox-pipeline/{inbox}";

    protected override string StreamName => StreamNames.Inbox(inbox);

    public static Props Props(string inbox, InboxPipelineServices services) =>
        Akka.Actor.Props.Create(() => new InboxPipelineActor(inbox, services));

    protected override Flow<StreamRecord, long, NotUsed> Processing() =>
        DecodeEmailStage.Create(inbox, services.Blobs)
            .Via(LoopGuardStage.Create(services.LoopGuard))
            .Via(CallToolStage.Create(services.Tools, services.Invoker, services.Settings.ToolAttempts, Stopping))
            .Via(BuildReplyStage.Create(services.ReplyBuilder))
            .Via(ReplyBudgetStage.Create(services.Budget, Stopping))
            .Via(WriteOutcomeStage.Create(Store, Log, Stopping));
}

/// <summary>What every inbox pipeline uses; one instance shared by all of them.</summary>
internal sealed record InboxPipelineServices(
    IStreamStore Store,
    ActiveTools Tools,
    ToolInvoker Invoker,
    LoopGuard LoopGuard,
    ReplyBuilder ReplyBuilder,
    PipelineSettings Settings,
    OutboxReplyBudget Budget,
    BlobStore? Blobs = null);
