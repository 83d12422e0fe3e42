using System.Text;
using System.Text.RegularExpressions;
using MailStreams.Store;
using MailStreams.Store.S2;
using MailStreams.Testing;
using Microsoft.AspNetCore.Http;

namespace MailStreams.Actors.Tests.Store.S2;

/// <summary>Following over SSE read sessions: the transcript of vectors/s2-read-sse.txt, cut connections and silent ones.</summary>
public sealed class S2ReadSessionResumeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static S2StreamStore Client(ScriptedHttpServer server, int heartbeatMs = 500) => new(new S2Settings
    {
        Endpoint = server.Url + "/v1",
        AccessToken = "t",
        HeartbeatTimeout = TimeSpan.FromMilliseconds(heartbeatMs),
        BackoffBase = TimeSpan.FromMilliseconds(5),
        BackoffCap = TimeSpan.FromMilliseconds(20),
    }, "my-mailstreams-basin");

    /// <summary>A step that writes SSE text, then either breaks the connection or keeps it open and silent.</summary>
    private static Func<HttpContext, CapturedRequest, Task> Sse(string text, bool thenCut = false) => async (http, _) =>
    {
        http.Response.ContentType = "text/event-stream";
        await http.Response.WriteAsync(text);
        await http.Response.Body.FlushAsync();
        if (thenCut)
        {
            await Task.Delay(1000); // let the bytes reach the client before the reset, as on a real broken link
            http.Abort();
            return;
        }
        try { await Task.Delay(Timeout.Infinite, http.RequestAborted); } catch (OperationCanceledException) { }
    };

    private static string Batch(string id, params long[] seqNums) =>
        $"event: batch\nid: {id}\ndata: {S2Json.Serialize(new S2WireReadBatch([.. seqNums.Select(Record)], null))}\n\n";

    private static S2WireRecord Record(long seq) =>
        new(seq, 1000 + seq, [[B64("n"), B64(seq.ToString())]], B64($"record {seq}"));

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>The transcript with its records in base64 (the format the client asks for); framing, ids, pings and the error unchanged.</summary>
    private static string TranscriptInBase64()
    {
        var text = File.ReadAllText(TestFiles.Vector("s2-read-sse.txt"));
        return Regex.Replace(text, "^data: (\\{\"records\".*)$", m =>
        {
            var batch = S2Json.Deserialize<S2WireReadBatch>(m.Groups[1].Value);
            var records = batch.Records!.Select(r => S2RecordCodec.ToWire(S2RecordCodec.FromWire(r, S2RecordCodec.Raw), S2RecordCodec.Base64));
            return "data: " + S2Json.Serialize(batch with { Records = [.. records] });
        }, RegexOptions.Multiline);
    }

    private static async Task<List<StreamRecord>> FollowAsync(S2StreamStore store, string stream, int count)
    {
        using var cts = new CancellationTokenSource(Patience);
        var seen = new List<StreamRecord>();
        await foreach (var record in store.FollowAsync(stream, 0, cts.Token))
        {
            seen.Add(record);
            if (seen.Count == count) break;
        }
        return seen;
    }

    [Fact]
    public async Task After_the_transcripts_error_event_the_session_resumes_with_Last_Event_ID_and_loses_nothing()
    {
        await using var server = await ScriptedHttpServer.StartAsync(Sse(TranscriptInBase64()), Sse(Batch("4,1,400", 4)));
        using var store = Client(server);

        var records = await FollowAsync(store, "inbox/reverser", 5);

        Assert.Equal([0L, 1L, 2L, 3L, 4L], records.Select(r => r.SeqNum));
        Assert.Equal("f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f", records[3].Header("resend-email-id"));
        var (first, resumed) = (server.Requests[0], server.Requests[1]);
        Assert.Equal("/v1/streams/inbox%2Freverser/records?seq_num=0&clamp=true", first.Target);
        Assert.Equal("text/event-stream", first.Header("accept"));
        Assert.Null(first.Header("last-event-id"));
        Assert.Equal("3,4,1268", resumed.Header("last-event-id"));
        Assert.Equal("/v1/streams/inbox%2Freverser/records?seq_num=4&clamp=true", resumed.Target);
    }

    [Fact]
    public async Task A_connection_cut_in_the_middle_of_a_batch_resumes_and_yields_every_record_exactly_once()
    {
        var cutMidBatch = Batch("2,3,90", 0, 1, 2) + Batch("5,6,180", 3, 4, 5)[..60];
        // The second session even repeats record 2: the client must not yield it twice.
        await using var server = await ScriptedHttpServer.StartAsync(Sse(cutMidBatch, thenCut: true), Sse(Batch("5,4,120", 2, 3, 4, 5) + Batch("6,5,150", 6)));
        using var store = Client(server);

        var records = await FollowAsync(store, "s", 7);

        Assert.Equal([0L, 1L, 2L, 3L, 4L, 5L, 6L], records.Select(r => r.SeqNum));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"record {i}"), records.Select(r => Encoding.UTF8.GetString(r.Body)));
        Assert.Equal("2,3,90", server.Requests[1].Header("last-event-id"));
        Assert.Contains("seq_num=3", server.Requests[1].Target);
    }

    [Fact]
    public async Task A_session_silent_for_longer_than_the_heartbeat_timeout_is_declared_dead_and_resumed()
    {
        await using var server = await ScriptedHttpServer.StartAsync(Sse(Batch("0,1,30", 0)), Sse(Batch("1,1,30", 1)));
        using var store = Client(server);

        var records = await FollowAsync(store, "s", 2);

        Assert.Equal([0L, 1L], records.Select(r => r.SeqNum));
        Assert.Equal("0,1,30", server.Requests[1].Header("last-event-id"));
    }

    [Fact]
    public async Task Pings_keep_a_quiet_session_alive()
    {
        var pings = string.Concat(Enumerable.Repeat("event: ping\ndata: {\"timestamp\":1,\"tail\":{\"seq_num\":1,\"timestamp\":1}}\n\n", 1));
        await using var server = await ScriptedHttpServer.StartAsync(async (http, request) =>
        {
            http.Response.ContentType = "text/event-stream";
            await http.Response.WriteAsync(Batch("0,1,30", 0));
            for (var i = 0; i < 20; i++) // 4 s of pings: twice the heartbeat timeout, never silent for more than a tenth of it
            {
                await http.Response.WriteAsync(pings);
                await http.Response.Body.FlushAsync();
                await Task.Delay(200);
            }
            await http.Response.WriteAsync(Batch("1,2,60", 1));
            await http.Response.Body.FlushAsync();
            try { await Task.Delay(Timeout.Infinite, http.RequestAborted); } catch (OperationCanceledException) { }
        });
        using var store = Client(server, heartbeatMs: 2000);

        var records = await FollowAsync(store, "s", 2);

        Assert.Equal([0L, 1L], records.Select(r => r.SeqNum));
        Assert.Single(server.Requests);
    }
}
