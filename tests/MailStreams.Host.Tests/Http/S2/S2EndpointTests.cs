using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MailStreams.Host.Tests.Http.S2;

/// <summary>The S2-compatible endpoint spoken to directly: S2's status codes, bodies and SSE framing.</summary>
public sealed class S2EndpointTests(S2EndpointServer server) : IClassFixture<S2EndpointServer>
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(server.Endpoint + "/"), Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _prefix = "e" + Guid.NewGuid().ToString("N")[..8] + "/";

    private string Path(string local) => Uri.EscapeDataString(_prefix + local);

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string url, string? json = null,
        params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private Task CreateAsync(string local) => SendAsync(HttpMethod.Post, "streams", $$"""{"stream":"{{_prefix + local}}"}""");

    private Task<(HttpStatusCode, JsonNode?)> AppendAsync(string local, string body) =>
        SendAsync(HttpMethod.Post, $"streams/{Path(local)}/records", body);

    [Fact]
    public async Task Creating_answers_201_with_the_stream_info_and_again_409_resource_already_exists()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "streams", "{\"stream\":\"" + _prefix + "inbox/x\",\"config\":{\"retention_policy\":{\"infinite\":{}}}}");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(_prefix + "inbox/x", (string)body!["name"]!);
        var again = await SendAsync(HttpMethod.Post, "streams", $$"""{"stream":"{{_prefix}}inbox/x"}""");
        Assert.Equal((HttpStatusCode.Conflict, "resource_already_exists"), (again.Status, (string)again.Body!["code"]!));
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(HttpMethod.Delete, $"streams/{Path("inbox/x")}")).Status);
    }

    [Fact]
    public async Task Appending_to_a_missing_stream_is_404_stream_not_found_as_with_S2s_default_basin()
    {
        var (status, body) = await AppendAsync("missing", """{"records":[{"body":"x"}]}""");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("stream_not_found", (string)body!["code"]!);
        Assert.Contains(_prefix + "missing", (string)body["message"]!);
    }

    [Fact]
    public async Task A_stale_match_seq_num_is_412_with_the_tail_and_a_start_beyond_the_tail_is_416()
    {
        await CreateAsync("s");
        var (ok, ack) = await AppendAsync("s", """{"records":[{"body":"a","headers":[["k","v"]]},{"body":"b"}],"match_seq_num":0}""");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal((0L, 2L, 2L), ((long)ack!["start"]!["seq_num"]!, (long)ack["end"]!["seq_num"]!, (long)ack["tail"]!["seq_num"]!));

        var (conflict, failed) = await AppendAsync("s", """{"records":[{"body":"c"}],"match_seq_num":1}""");
        Assert.Equal(HttpStatusCode.PreconditionFailed, conflict);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"seq_num_mismatch":2}"""), failed));

        var (beyond, tail) = await SendAsync(HttpMethod.Get, $"streams/{Path("s")}/records?seq_num=5");
        Assert.Equal((HttpStatusCode.RequestedRangeNotSatisfiable, 2L), (beyond, (long)tail!["tail"]!["seq_num"]!));
        var (clamped, empty) = await SendAsync(HttpMethod.Get, $"streams/{Path("s")}/records?seq_num=5&clamp=true");
        Assert.Equal((HttpStatusCode.OK, 0), (clamped, empty!["records"]!.AsArray().Count));

        var (read, batch) = await SendAsync(HttpMethod.Get, $"streams/{Path("s")}/records?seq_num=0&count=5");
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[["k","v"]]"""), batch!["records"]![0]!["headers"]));
        Assert.Equal("b", (string)batch["records"]![1]!["body"]!);
        Assert.Null(batch["records"]![1]!["headers"]);
        var (_, lastTwo) = await SendAsync(HttpMethod.Get, $"streams/{Path("s")}/records?tail_offset=1", null, ("s2-format", "base64"));
        Assert.Equal(Convert.ToBase64String("b"u8.ToArray()), (string)lastTwo!["records"]![0]!["body"]!);
    }

    [Fact]
    public async Task Bad_requests_get_S2s_codes_400_and_422()
    {
        await CreateAsync("bad");
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid"), Code(await SendAsync(HttpMethod.Get, $"streams/{Path("bad")}/records?seq_num=0&tail_offset=1")));
        Assert.Equal((HttpStatusCode.BadRequest, "bad_query"), Code(await SendAsync(HttpMethod.Get, $"streams/{Path("bad")}/records?count=lots")));
        Assert.Equal((HttpStatusCode.BadRequest, "bad_json"), Code(await AppendAsync("bad", "{not json")));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid"), Code(await AppendAsync("bad", """{"records":[]}""")));
        Assert.Equal((HttpStatusCode.BadRequest, "bad_header"), Code(await SendAsync(HttpMethod.Get, $"streams/{Path("bad")}/records", null, ("s2-format", "xml"))));
    }

    private static (HttpStatusCode, string) Code((HttpStatusCode Status, JsonNode? Body) r) => (r.Status, (string)r.Body!["code"]!);

    [Fact]
    public async Task A_bounded_read_session_sends_batches_then_DONE_and_resumes_from_Last_Event_ID_with_the_rest_of_its_count()
    {
        await CreateAsync("sse");
        await AppendAsync("sse", """{"records":[{"body":"0"},{"body":"1"},{"body":"2"},{"body":"3"}]}""");

        var first = await SessionTextAsync($"streams/{Path("sse")}/records?seq_num=0&count=3");
        Assert.Contains("event: batch\nid: 2,3,27\ndata: {\"records\":[{\"seq_num\":0,", first);
        Assert.EndsWith("data: [DONE]\n\n", first);

        var resumed = await SessionTextAsync($"streams/{Path("sse")}/records?seq_num=0&count=3", ("Last-Event-ID", "0,1,9"));
        Assert.Contains("id: 2,3,27\n", resumed);
        Assert.Contains("\"seq_num\":1,", resumed);
        Assert.DoesNotContain("\"seq_num\":0,", resumed);
        Assert.DoesNotContain("\"seq_num\":3,", resumed);
    }

    [Fact]
    public async Task A_following_session_pings_with_the_tail_when_caught_up_and_delivers_live_batches_with_the_tail()
    {
        await CreateAsync("live");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"streams/{Path("live")}/records?seq_num=0");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.Headers.CacheControl is { NoCache: true, NoTransform: true });
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: ping", await reader.ReadLineAsync());
        Assert.Contains("\"tail\":{\"seq_num\":0,", await reader.ReadLineAsync());

        await AppendAsync("live", """{"records":[{"body":"hi"}]}""");
        string? line;
        while ((line = await reader.ReadLineAsync()) != "event: batch") Assert.NotNull(line);
        Assert.Equal("id: 0,1,10", await reader.ReadLineAsync());
        var data = await reader.ReadLineAsync();
        Assert.Contains("\"body\":\"hi\"", data);
        Assert.Contains("\"tail\":{\"seq_num\":1,", data);
        while ((line = await reader.ReadLineAsync()) != "event: ping") Assert.NotNull(line); // heartbeats keep coming while idle
    }

    private async Task<string> SessionTextAsync(string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await _http.SendAsync(request);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
