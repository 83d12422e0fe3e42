using Akka;
using Akka.Streams.Dsl;
using MailStreams.Mail;
using MailStreams.Store;

namespace MailStreams.Pipeline.Stages;

/// <summary>
/// Turns an inbox record into an <see cref="InboxItem"/>, reading a large email's content from the blob store when the
/// record holds a <c>content-blob</c> reference; a record that is not an email (or whose blob is gone) is decided dead.
/// </summary>
internal static class DecodeEmailStage
{
    public static Flow<StreamRecord, InboxItem, NotUsed> Create(string inbox, BlobStore? blobs = null) =>
        Flow.Create<StreamRecord>().SelectAsync(1, record => DecodeAsync(inbox, record, blobs));

    public static InboxItem Decode(string inbox, StreamRecord record) => DecodeAsync(inbox, record, null).GetAwaiter().GetResult();

    public static async Task<InboxItem> DecodeAsync(string inbox, StreamRecord record, BlobStore? blobs)
    {
        if (record.Header("type") is { } type && type != "mail.received")
            return new InboxItem(inbox, record, null, new InboxDecision.NoReply($"not-mail: record type '{type}'"));
        try
        {
            var body = record.Body;
            if (record.Header(Ingress.InboxWriter.ContentBlobHeader) is { } reference)
                body = blobs is null
                    ? throw new InvalidDataException($"the email is in blob {reference} but no blob store is configured")
                    : await blobs.GetAsync(reference);
            return new InboxItem(inbox, record, MailJson.Deserialize<Email>(body), InboxDecision.Pending);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or IOException or InvalidDataException or FormatException)
        {
            return new InboxItem(inbox, record, null, new InboxDecision.Dead("record body is not an email: " + e.Message));
        }
    }
}
