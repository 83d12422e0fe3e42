using Akka.Actor;
using Akka.TestKit.Xunit2;
using MailStreams.Hosting;
using MailStreams.Outbox;
using MailStreams.Pipeline;

namespace MailStreams.Actors.Tests.Hosting;

public sealed class PersistenceSerializerTests : TestKit
{
    private readonly PersistenceSerializer _serializer;

    public PersistenceSerializerTests() => _serializer = new PersistenceSerializer((ExtendedActorSystem)Sys);

    public static TheoryData<object> PersistedMessages() => new()
    {
        new OutboxEvents.ReplySent(3, "inbox/reverser:7", "4ef9a2"),
        new OutboxEvents.ReplyDeadLettered(4, "inbox/reverser:8", "rejected with 422"),
        new OutboxEvents.ReplySkipped(5, "inbox/reverser:8"),
        new OffsetCommitted(42),
    };

    [Theory]
    [MemberData(nameof(PersistedMessages))]
    public void Round_trips_every_persisted_message_through_a_stable_manifest(object message)
    {
        var manifest = _serializer.Manifest(message);
        var back = _serializer.FromBinary(_serializer.ToBinary(message), manifest);

        Assert.Equal(message, back);
        Assert.DoesNotContain(message.GetType().Name, manifest);
    }

    [Fact]
    public void Round_trips_the_outbox_snapshot()
    {
        var snapshot = new OutboxSnapshot(9, ["inbox/a:1", "inbox/b:2"]);
        var back = (OutboxSnapshot)_serializer.FromBinary(_serializer.ToBinary(snapshot), _serializer.Manifest(snapshot));

        Assert.Equal(snapshot.NextSeq, back.NextSeq);
        Assert.Equal(snapshot.DoneKeys, back.DoneKeys);
    }

    [Fact]
    public void Refuses_an_unknown_manifest_with_a_clear_error()
    {
        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => _serializer.FromBinary("{}"u8.ToArray(), "nope.v9"));
        Assert.Contains("nope.v9", error.Message);
    }

    [Fact]
    public void Reads_events_written_by_earlier_versions()
    {
        var stored = """{"seq":3,"key":"inbox/reverser:7","providerId":"4ef9a2"}"""u8.ToArray();
        Assert.Equal(new OutboxEvents.ReplySent(3, "inbox/reverser:7", "4ef9a2"), _serializer.FromBinary(stored, "outbox.reply-sent.v1"));
    }
}
