using Akka;
using Akka.Streams.Dsl;
using MailStreams.Mail;

namespace MailStreams.Pipeline.Stages;

/// <summary>Turns a tool's reply into the Resend send request that goes to <c>outbox</c>.</summary>
internal static class BuildReplyStage
{
    public static Flow<InboxItem, InboxItem, NotUsed> Create(ReplyBuilder builder) =>
        Flow.Create<InboxItem>().Select(item => Apply(builder, item));

    public static InboxItem Apply(ReplyBuilder builder, InboxItem item)
    {
        if (item is not { Decision: InboxDecision.Replied replied, Email: { } email }) return item;
        try
        {
            return item.With(new InboxDecision.Outgoing(builder.Build(item.Inbox, email, replied.Reply)));
        }
        catch (ArgumentException e)
        {
            return item.With(new InboxDecision.Dead("reply cannot be built: " + e.Message));
        }
    }
}
