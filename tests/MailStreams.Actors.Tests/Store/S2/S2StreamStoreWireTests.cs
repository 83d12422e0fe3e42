using System.Text.Json;
using System.Text.Json.Nodes;
using MailStreams.Store;
using MailStreams.Store.S2;
using MailStreams.Testing;

namespace MailStreams.Actors.Tests.Store.S2;

/// <summary>The S2 client against the append transcript of vectors/s2-append.json and its error shapes, on a scripted server.</summary>
public sealed class S2StreamStoreWireTests
{
    private static readonly JsonNode Vector = JsonNode.Parse(File.ReadAllText(TestFiles.Vector("s2-append.json")))!;

    private static JsonNode ErrorExample(int status, string? field = null) =>
        Vector["error_examples"]!.AsArray().First(e => (int)e!["status"]! == status && (field is null || e["body"]![field] is not null))!["body"]!;

    /// <summary>The client as the cloud would see it: basin in the host name, here the path (so no s2-basin header).</summary>
    private static S2StreamStore CloudStyleClient(ScriptedHttpServer server, int attempts = 3) => new(new S2Settings
    {
        Endpoint = server.Url + "/{basin}/v1",
        AccessToken = "<access-token>",
        MaxAttempts = attempts,
        BackoffBase = TimeSpan.FromMilliseconds(5),
        BackoffCap = TimeSpan.FromMilliseconds(20),
    }, "my-mailstreams-basin");

    private static AppendRecord VectorRecord()
    {
        var wire = Vector["base64_variant"]!["record"]!.Deserialize<S2WireRecord>(S2Json.Options)!;
        return S2RecordCodec.ToAppendRecord(wire, S2RecordCodec.Base64);
    }

    [Fact]
    public async Task An_append_sends_the_transcripts_request_in_base64_and_reads_its_ack()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedHttpServer.Json(200, Vector["response"]!["body"]!.ToJsonString()));
        using var store = CloudStyleClient(server);
        var record = VectorRecord();
        Assert.Equal((long)Vector["metered_bytes"]!, record.MeteredBytes);

        var ack = await store.AppendAsync("outbox", [record], matchSeqNum: 41);

        Assert.Equal(new AppendAck(new(41, 1767225601877), new(42, 1767225601877), new(42, 1767225601877)), ack);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/my-mailstreams-basin/v1/streams/outbox/records"), (request.Method, request.Target));
        Assert.Equal("Bearer <access-token>", request.Header("authorization"));
        Assert.StartsWith("application/json", request.Header("content-type"));
        Assert.Equal("base64", request.Header("s2-format"));
        Assert.Null(request.Header("s2-basin"));
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(41, (long)body["match_seq_num"]!);
        Assert.True(JsonNode.DeepEquals(Vector["base64_variant"]!["record"], body["records"]![0]));
    }

    [Fact]
    public async Task A_412_seq_num_mismatch_is_a_SeqNumMismatchException_with_the_actual_tail()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedHttpServer.Json(412, ErrorExample(412, "seq_num_mismatch").ToJsonString()));
        using var store = CloudStyleClient(server);
        var error = await Assert.ThrowsAsync<SeqNumMismatchException>(() => store.AppendAsync("outbox", [VectorRecord()], matchSeqNum: 41));
        Assert.Equal(42, error.ActualTail);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_412_fencing_token_mismatch_surfaces_with_its_code_and_the_token()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedHttpServer.Json(412, ErrorExample(412, "fencing_token_mismatch").ToJsonString()));
        using var store = CloudStyleClient(server);
        var error = await Assert.ThrowsAsync<StreamStoreException>(() => store.AppendAsync("outbox", [VectorRecord()], matchSeqNum: 41));
        Assert.Equal("fencing_token_mismatch", error.Code);
        Assert.Contains("worker-7", error.Message);
    }

    [Fact]
    public async Task A_404_on_append_creates_the_stream_with_infinite_retention_and_appends_again()
    {
        var notFound = ErrorExample(404).ToJsonString();
        await using var server = await ScriptedHttpServer.StartAsync(
            ScriptedHttpServer.Json(404, notFound),
            ScriptedHttpServer.Json(201, """{"name":"inbox/reverser","created_at":"2026-01-01T00:00:00Z"}"""),
            ScriptedHttpServer.Json(200, Vector["response"]!["body"]!.ToJsonString()));
        using var store = CloudStyleClient(server);

        await store.AppendAsync("inbox/reverser", [VectorRecord()]);

        var requests = server.Requests;
        Assert.Equal(["POST /my-mailstreams-basin/v1/streams/inbox%2Freverser/records", "POST /my-mailstreams-basin/v1/streams",
            "POST /my-mailstreams-basin/v1/streams/inbox%2Freverser/records"], requests.Select(r => $"{r.Method} {r.Target}"));
        var create = JsonNode.Parse(requests[1].Body)!;
        Assert.Equal("inbox/reverser", (string)create["stream"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"retention_policy":{"infinite":{}}}"""), create["config"]));
    }

    [Fact]
    public async Task A_404_on_read_surfaces_as_stream_not_found_with_S2s_message()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedHttpServer.Json(404, ErrorExample(404).ToJsonString()));
        using var store = CloudStyleClient(server);
        var error = await Assert.ThrowsAsync<StreamStoreException>(() => store.ReadAsync("outbox", 0));
        Assert.Equal(("stream_not_found", "stream `outbox` in basin `my-mailstreams-basin` not found"), (error.Code, error.Message));
    }

    [Fact]
    public async Task A_429_is_retried_with_backoff_and_after_the_last_attempt_surfaces_as_rate_limited()
    {
        var limited = ScriptedHttpServer.Json(429, ErrorExample(429).ToJsonString());
        await using var server = await ScriptedHttpServer.StartAsync(limited, limited, ScriptedHttpServer.Json(200, Vector["response"]!["body"]!.ToJsonString()),
            limited, limited, limited);
        using var store = CloudStyleClient(server);

        Assert.Equal(41, (await store.AppendAsync("outbox", [VectorRecord()])).Start.SeqNum);
        Assert.Equal(3, server.Requests.Count);

        var error = await Assert.ThrowsAsync<StreamStoreException>(() => store.AppendAsync("outbox", [VectorRecord()]));
        Assert.Equal(("rate_limited", "(free-form text)"), (error.Code, error.Message));
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task A_500_is_retried_for_an_append_with_match_seq_num_but_not_for_one_without()
    {
        var failing = ScriptedHttpServer.Json(500, """{"code":"storage","message":"disk on fire"}""");
        await using var server = await ScriptedHttpServer.StartAsync(failing, ScriptedHttpServer.Json(200, Vector["response"]!["body"]!.ToJsonString()), failing);
        using var store = CloudStyleClient(server);

        Assert.Equal(42, (await store.AppendAsync("outbox", [VectorRecord()], matchSeqNum: 41)).End.SeqNum);
        var error = await Assert.ThrowsAsync<StreamStoreException>(() => store.AppendAsync("outbox", [VectorRecord()]));
        Assert.Equal(("storage", "disk on fire"), (error.Code, error.Message));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_412_after_an_uncertain_attempt_is_acknowledged_when_the_stream_holds_this_very_batch()
    {
        var stored = VectorRecord();
        var readBack = new S2WireReadBatch([S2RecordCodec.ToWire(new StreamRecord(41, 7, stored.Headers, stored.Body), S2RecordCodec.Base64)], new S2WirePosition(42, 7));
        await using var server = await ScriptedHttpServer.StartAsync(
            ScriptedHttpServer.Json(503, """{"code":"unavailable","message":"try again"}"""),
            ScriptedHttpServer.Json(412, """{"seq_num_mismatch":42}"""),
            ScriptedHttpServer.Json(200, S2Json.Serialize(readBack)));
        using var store = CloudStyleClient(server);

        var ack = await store.AppendAsync("outbox", [stored], matchSeqNum: 41);

        Assert.Equal((41L, 42L), (ack.Start.SeqNum, ack.End.SeqNum));
        Assert.Equal("GET /my-mailstreams-basin/v1/streams/outbox/records?seq_num=41&count=1", $"{server.Requests[2].Method} {server.Requests[2].Target}");
    }

    [Fact]
    public async Task A_single_custom_endpoint_names_the_basin_in_the_s2_basin_header()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedHttpServer.Json(200, """{"tail":{"seq_num":3,"timestamp":9}}"""));
        using var store = new S2StreamStore(new S2Settings { Endpoint = server.Url + "/s2/v1", AccessToken = "t" }, "my-basin");
        Assert.Equal(new StreamPosition(3, 9), await store.CheckTailAsync("inbox/reverser"));
        var request = Assert.Single(server.Requests);
        Assert.Equal("/s2/v1/streams/inbox%2Freverser/records/tail", request.Target);
        Assert.Equal("my-basin", request.Header("s2-basin"));
    }
}
