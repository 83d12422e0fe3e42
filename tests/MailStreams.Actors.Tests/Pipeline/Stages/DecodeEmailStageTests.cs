using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit.Xunit2;
using MailStreams.Mail;
using MailStreams.Pipeline;
using MailStreams.Pipeline.Stages;
using MailStreams.Store;

namespace MailStreams.Actors.Tests.Pipeline.Stages;

public sealed class DecodeEmailStageTests : TestKit
{
    [Fact]
    public void Decodes_inbox_records_in_order_and_marks_a_broken_one_dead()
    {
        var (source, sink) = this.SourceProbe<StreamRecord>()
            .Via(DecodeEmailStage.Create("reverser"))
            .ToMaterialized(this.SinkProbe<InboxItem>(), Keep.Both)
            .Run(Sys.Materializer());
        sink.Request(2);

        source.SendNext(EmailRecord(0, new Email { Id = "e1", Source = "local", From = "a@example.org", Subject = "Hi" }));
        source.SendNext(new StreamRecord(1, 0, [RecordHeader.Of("type", "mail.received")], "{not json"u8.ToArray()));

        var first = sink.ExpectNext();
        Assert.Equal("Hi", first.Email!.Subject);
        Assert.IsType<InboxDecision.Undecided>(first.Decision);
        Assert.Equal("inbox/reverser:0", first.IdempotencyKey);
        var second = sink.ExpectNext();
        Assert.Contains("not an email", Assert.IsType<InboxDecision.Dead>(second.Decision).Error);
    }

    [Fact]
    public void Skips_records_of_another_type_with_the_reason()
    {
        var item = DecodeEmailStage.Decode("reverser", new StreamRecord(3, 0, [RecordHeader.Of("type", "note")], []));

        Assert.Contains("note", Assert.IsType<InboxDecision.NoReply>(item.Decision).Reason);
    }

    internal static StreamRecord EmailRecord(long seq, Email email) =>
        new(seq, 0, [RecordHeader.Of("type", "mail.received")], MailJson.Serialize(email));
}
