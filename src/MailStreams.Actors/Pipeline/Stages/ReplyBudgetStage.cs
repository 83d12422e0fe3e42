using Akka;
using Akka.Streams.Dsl;

namespace MailStreams.Pipeline.Stages;

/// <summary>Turns a built reply into "no reply" (reason <c>reply-budget: …</c>) when its sender or thread has used up the budget.</summary>
internal static class ReplyBudgetStage
{
    public static Flow<InboxItem, InboxItem, NotUsed> Create(OutboxReplyBudget budget, CancellationToken ct) =>
        Flow.Create<InboxItem>().SelectAsync(1, item => ApplyAsync(budget, item, ct));

    public static async Task<InboxItem> ApplyAsync(OutboxReplyBudget budget, InboxItem item, CancellationToken ct) =>
        item.Decision is InboxDecision.Outgoing outgoing && await budget.TryTakeAsync(item.IdempotencyKey, outgoing.Email, ct) is { } reason
            ? item.With(new InboxDecision.NoReply(reason))
            : item;
}
