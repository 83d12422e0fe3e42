using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace MailStreams.Host.Tests.Http.S2;

/// <summary>With an access token configured the endpoint needs it on every request, loopback included.</summary>
public sealed class S2EndpointAuthTests : IAsyncLifetime
{
    private readonly S2EndpointServer _server = new();

    public async Task InitializeAsync()
    {
        _server.Settings.AccessToken = "sesame";
        await _server.InitializeAsync();
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Basic c2VzYW1l")]
    public async Task A_request_without_the_right_token_is_401_authn(string? authorization)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, _server.Endpoint + "/streams");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authn", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!);
    }

    [Fact]
    public async Task The_S2_client_with_the_token_is_served_and_without_it_gets_authn()
    {
        using var good = _server.Client("sesame");
        await good.AppendAsync("inbox/a", [MailStreams.Store.AppendRecord.Json("t", "{}"u8.ToArray())]);
        Assert.Equal(1, (await good.CheckTailAsync("inbox/a")).SeqNum);

        using var bad = _server.Client("nope");
        var error = await Assert.ThrowsAnyAsync<MailStreams.Store.StreamStoreException>(() => bad.CheckTailAsync("inbox/a"));
        Assert.Equal("authn", error.Code);
    }
}
