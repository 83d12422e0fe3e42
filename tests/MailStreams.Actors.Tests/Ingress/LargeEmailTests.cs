using MailStreams.Actors.Tests.Tools;
using MailStreams.Ingress;
using MailStreams.Pipeline;
using MailStreams.Pipeline.Stages;
using MailStreams.Store;
using MailStreams.Store.Embedded;
using MailStreams.Testing;

namespace MailStreams.Actors.Tests.Ingress;

/// <summary>An email too large for one record goes to the blob store; the record holds its reference and the pipeline reads it back.</summary>
public sealed class LargeEmailTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task An_email_over_the_threshold_is_stored_as_a_blob_reference_and_decoded_whole()
    {
        await using var store = new SqliteStreamStore(_data.File("streams.db"));
        using var index = new DedupeIndex(_data.File("state.db"));
        var blobs = new BlobStore(_data.File("blobs"));
        var writer = new InboxWriter(store, index, blobs, blobThresholdBytes: 64 * 1024);
        var big = ToolFolders.Email(new string('x', 3 * 1024 * 1024)) with { Id = "big" };
        var small = ToolFolders.Email("short") with { Id = "small" };

        await writer.AppendOnceAsync("reverser", big);
        await writer.AppendOnceAsync("reverser", small);

        var records = (await store.ReadAsync("inbox/reverser", 0)).Records;
        Assert.All(records, r => Assert.True(r.MeteredBytes < AppendRecord.MaxMeteredBytes));
        var reference = records[0].Header(InboxWriter.ContentBlobHeader);
        Assert.StartsWith("sha256:", reference);
        Assert.Empty(records[0].Body);
        Assert.Null(records[1].Header(InboxWriter.ContentBlobHeader));

        var decoded = await DecodeEmailStage.DecodeAsync("reverser", records[0], blobs);
        Assert.IsType<InboxDecision.Undecided>(decoded.Decision);
        Assert.Equal(big.Text, decoded.Email!.Text);
        Assert.Equal("short", (await DecodeEmailStage.DecodeAsync("reverser", records[1], blobs)).Email!.Text);
    }

    [Fact]
    public async Task A_missing_or_damaged_blob_makes_the_email_dead_with_the_reason()
    {
        var blobs = new BlobStore(_data.File("blobs"));
        var reference = await blobs.PutAsync("{}"u8.ToArray());
        var file = Directory.GetFiles(blobs.Directory, "*.blob", SearchOption.AllDirectories).Single();
        await File.WriteAllTextAsync(file, "tampered");
        var record = new StreamRecord(0, 1, [RecordHeader.Of("type", "mail.received"), RecordHeader.Of(InboxWriter.ContentBlobHeader, reference)], []);

        var damaged = await DecodeEmailStage.DecodeAsync("reverser", record, blobs);
        Assert.Contains("does not match", Assert.IsType<InboxDecision.Dead>(damaged.Decision).Error);

        File.Delete(file);
        var missing = await DecodeEmailStage.DecodeAsync("reverser", record, blobs);
        Assert.Contains("missing", Assert.IsType<InboxDecision.Dead>(missing.Decision).Error);
    }

    public void Dispose() => _data.Dispose();
}
