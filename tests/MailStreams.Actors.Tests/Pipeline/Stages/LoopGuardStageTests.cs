using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit.Xunit2;
using MailStreams.Mail;
using MailStreams.Pipeline;
using MailStreams.Pipeline.Stages;

namespace MailStreams.Actors.Tests.Pipeline.Stages;

public sealed class LoopGuardStageTests : TestKit
{
    private static readonly LoopGuard Guard = new(new LoopGuardOptions { Domains = ["example.com"] });

    [Fact]
    public void Lets_ordinary_mail_through_and_stops_auto_submitted_mail_with_the_reason()
    {
        var (source, sink) = this.SourceProbe<InboxItem>()
            .Via(LoopGuardStage.Create(Guard))
            .ToMaterialized(this.SinkProbe<InboxItem>(), Keep.Both)
            .Run(Sys.Materializer());
        sink.Request(2);

        source.SendNext(Item(Mail("alice@example.org")));
        source.SendNext(Item(Mail("alice@example.org", ("auto-submitted", "auto-replied"))));

        Assert.IsType<InboxDecision.Undecided>(sink.ExpectNext().Decision);
        Assert.StartsWith("auto-submitted", Assert.IsType<InboxDecision.NoReply>(sink.ExpectNext().Decision).Reason);
    }

    [Fact]
    public void Does_not_reply_to_our_own_addresses()
    {
        var item = LoopGuardStage.Apply(Guard, Item(Mail("Reverser <reverser@example.com>")));

        Assert.IsType<InboxDecision.NoReply>(item.Decision);
    }

    [Fact]
    public void Leaves_an_item_that_is_already_decided_alone()
    {
        var dead = Item(Mail("alice@example.org", ("precedence", "bulk"))).With(new InboxDecision.Dead("broken"));

        Assert.Same(dead, LoopGuardStage.Apply(Guard, dead));
    }

    private static Email Mail(string from, params (string Name, string Value)[] headers) => new()
    {
        Id = "e1", Source = "local", From = from, To = ["reverser@example.com"], Subject = "Hi", Text = "Hi",
        Headers = headers.ToDictionary(h => h.Name, h => h.Value),
    };

    private static InboxItem Item(Email email) =>
        new("reverser", DecodeEmailStageTests.EmailRecord(0, email), email, InboxDecision.Pending);
}
