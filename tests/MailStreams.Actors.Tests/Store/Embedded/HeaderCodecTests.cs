using MailStreams.Store;
using MailStreams.Store.Embedded;


namespace MailStreams.Actors.Tests.Store.Embedded;

public sealed class HeaderCodecTests
{
    [Fact]
    public void No_headers_encode_to_the_empty_blob()
    {
        Assert.Empty(HeaderCodec.Encode([]));
        Assert.Empty(HeaderCodec.Decode([]));
    }

    [Fact]
    public void Headers_round_trip_in_order_with_duplicates_and_long_values()
    {
        RecordHeader[] headers =
        [
            RecordHeader.Of("type", "mail.received"),
            RecordHeader.Of("type", "again"),
            new([0x00, 0xFF], []),
            new([], new byte[300]),
        ];
        var blob = HeaderCodec.Encode(headers);
        // count, then (varint length, bytes) pairs: 300 needs a two-byte varint.
        Assert.Equal(1 + (1 + 4 + 1 + 13) + (1 + 4 + 1 + 5) + (1 + 2 + 1) + (1 + 2 + 300), blob.Length);
        var decoded = HeaderCodec.Decode(blob);
        Assert.Equal(headers.Length, decoded.Count);
        for (var i = 0; i < headers.Length; i++)
        {
            Assert.Equal(headers[i].Name, decoded[i].Name);
            Assert.Equal(headers[i].Value, decoded[i].Value);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x01 })]
    [InlineData(new byte[] { 0x01, 0x05, 0x61 })]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void A_malformed_blob_is_invalid_data(byte[] blob) =>
        Assert.Throws<InvalidDataException>(() => HeaderCodec.Decode(blob));
}
