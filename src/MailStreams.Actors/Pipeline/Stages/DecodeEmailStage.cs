using Akka;
using Akka.Streams.Dsl;
using MailStreams.Mail;
using MailStreams.Store;

namespace MailStreams.Pipeline.Stages;

/// <summary>Turns an inbox record into an <see cref="InboxItem"/>; a record that is not an email is decided dead.</summary>
internal static class DecodeEmailStage
{
    public static Flow<StreamRecord, InboxItem, NotUsed> Create(string inbox) =>
        Flow.Create<StreamRecord>().Select(record => Decode(inbox, record));

    public static InboxItem Decode(string inbox, StreamRecord record)
    {
        if (record.Header("type") is { } type && type != "mail.received")
            return new InboxItem(inbox, record, null, new InboxDecision.NoReply($"not-mail: record type '{type}'"));
        try
        {
            return new InboxItem(inbox, record, MailJson.Deserialize<Email>(record.Body), InboxDecision.Pending);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            return new InboxItem(inbox, record, null, new InboxDecision.Dead("record body is not an email: " + e.Message));
        }
    }
}
