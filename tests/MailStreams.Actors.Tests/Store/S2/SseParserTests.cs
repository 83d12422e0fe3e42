using System.Text;
using MailStreams.Store.S2;
using MailStreams.Testing;

namespace MailStreams.Actors.Tests.Store.S2;

public sealed class SseParserTests
{
    private static async Task<List<SseEvent>> ParseAsync(string text)
    {
        var events = new List<SseEvent>();
        await foreach (var e in SseParser.ReadAsync(new StringReader(text))) events.Add(e);
        return events;
    }

    [Fact]
    public async Task The_read_session_transcript_parses_to_batches_pings_and_an_error_with_comments_ignored()
    {
        var events = await ParseAsync(await File.ReadAllTextAsync(TestFiles.Vector("s2-read-sse.txt")));

        Assert.Equal(["batch", "ping", "batch", "ping", "ping", "error"], events.Select(e => e.Type));
        Assert.Equal(["2,3,965", null, "3,4,1268", null, null, null], events.Select(e => e.Id));

        var stored = S2Json.Deserialize<S2WireReadBatch>(events[0].Data);
        Assert.Null(stored.Tail);
        var records = stored.Records!.Select(r => S2RecordCodec.FromWire(r, S2RecordCodec.Raw)).ToList();
        Assert.Equal([0L, 1L, 2L], records.Select(r => r.SeqNum));
        Assert.Equal("c3d9a8e7-2b1f-4e6a-9d0c-5b4a3f2e1d0c", records[2].Header("resend-email-id"));
        Assert.Contains("Grüße ☕", Encoding.UTF8.GetString(records[2].Body));
        Assert.Equal(965, records.Sum(r => r.MeteredBytes));

        var ping = S2Json.Deserialize<S2WirePing>(events[1].Data);
        Assert.Equal((1767226411587L, 3L), (ping.Timestamp, ping.Tail!.SeqNum));
        var live = S2Json.Deserialize<S2WireReadBatch>(events[2].Data);
        Assert.Equal(4, live.Tail!.SeqNum);
        Assert.Equal(1268 - 965, live.Records!.Sum(r => S2RecordCodec.FromWire(r, S2RecordCodec.Raw).MeteredBytes));
        var error = S2Json.Deserialize<S2WireError>(events[5].Data);
        Assert.Equal(("unavailable", "streamer missing in action"), (error.Code, error.Message));
    }

    [Fact]
    public async Task Fields_without_a_space_multi_line_data_and_the_done_event_are_read_per_the_SSE_spec()
    {
        var events = await ParseAsync("event:batch\nid:5,1,9\ndata:{\"a\":\ndata: 1}\n\ndata: [DONE]\n\n");
        Assert.Equal(new SseEvent("batch", "5,1,9", "{\"a\":\n1}"), events[0]);
        Assert.Equal(new SseEvent("message", null, "[DONE]"), events[1]);
    }

    [Fact]
    public async Task An_event_cut_off_by_the_end_of_the_stream_is_dropped()
    {
        var events = await ParseAsync("event: batch\nid: 1,2,3\ndata: {}\n\nevent: batch\nid: 2,3,4\ndata: {\"recor");
        Assert.Equal("1,2,3", Assert.Single(events).Id);
    }
}
