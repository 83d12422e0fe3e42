using Akka;
using Akka.Streams.Dsl;
using MailStreams.Mail;

namespace MailStreams.Pipeline.Stages;

/// <summary>Decides "no reply" for mail that must not be answered automatically (RFC 3834, lists, bounces, ourselves).</summary>
internal static class LoopGuardStage
{
    public static Flow<InboxItem, InboxItem, NotUsed> Create(LoopGuard guard) =>
        Flow.Create<InboxItem>().Select(item => Apply(guard, item));

    public static InboxItem Apply(LoopGuard guard, InboxItem item) =>
        item is { Decision: InboxDecision.Undecided, Email: { } email } && guard.Check(email) is LoopVerdict.NoReply verdict
            ? item.With(new InboxDecision.NoReply(verdict.Reason))
            : item;
}
