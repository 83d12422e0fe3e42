using System.Net;
using MailStreams.Host.Http;
using MailStreams.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MailStreams.Host.Tests.Http;

/// <summary>Who may use the admin and local-ingress endpoints (a single-class unit test on plain HTTP contexts).</summary>
public sealed class AdminAccessTests
{
    private const string Token = "tok_Zq81mN3vX0pLr7Kd";

    private static HttpContext Request(string remote, string? authorization = null, params (string, string)[] headers)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (authorization is not null) http.Request.Headers.Authorization = authorization;
        foreach (var (name, value) in headers) http.Request.Headers[name] = value;
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static async Task<(int Status, string Body)> Denial(HttpContext http, string? token)
    {
        var denied = AdminAccess.Check(http, new MailStreamsOptions { AdminToken = token });
        if (denied is null) return (0, "");
        await denied.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, await new StreamReader(http.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task Loopback_clients_need_no_token()
    {
        Assert.Equal(0, (await Denial(Request("127.0.0.1"), null)).Status);
        Assert.Equal(0, (await Denial(Request("::1"), Token)).Status);
    }

    [Fact]
    public async Task Remote_clients_are_refused_when_no_token_is_configured()
    {
        Assert.Equal(403, (await Denial(Request("10.0.0.5", "Bearer anything"), null)).Status);
    }

    [Fact]
    public async Task A_request_through_a_reverse_proxy_on_loopback_counts_as_remote()
    {
        Assert.Equal(403, (await Denial(Request("127.0.0.1", null, ("X-Forwarded-For", "203.0.113.9")), null)).Status);
        Assert.Equal(401, (await Denial(Request("127.0.0.1", null, ("Forwarded", "for=203.0.113.9")), Token)).Status);
        Assert.Equal(0, (await Denial(Request("127.0.0.1", "Bearer " + Token, ("X-Real-IP", "203.0.113.9")), Token)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer ")]
    [InlineData("Bearer tok_Zq81mN3vX0pLr7Kx")]
    [InlineData("Bearer tok_Zq81mN3vX0pLr7Kd-and-more")]
    [InlineData("Basic dG9rX1pxODFtTjN2WDBwTHI3S2Q=")]
    public async Task Remote_clients_with_a_wrong_token_get_401_and_the_answer_does_not_hold_the_token(string? authorization)
    {
        var (status, body) = await Denial(Request("10.0.0.5", authorization), Token);
        Assert.Equal(401, status);
        Assert.DoesNotContain(Token, body);
    }

    [Fact]
    public async Task Remote_clients_with_the_token_are_let_in()
    {
        Assert.Equal(0, (await Denial(Request("10.0.0.5", "Bearer " + Token), Token)).Status);
    }
}
