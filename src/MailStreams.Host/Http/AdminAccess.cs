using System.Net;
using System.Security.Cryptography;
using System.Text;
using MailStreams.Hosting;

namespace MailStreams.Host.Http;

/// <summary>
/// Admin and local-ingress endpoints are open to loopback clients; from anywhere else they need
/// <c>Authorization: Bearer &lt;AdminToken&gt;</c>, compared in constant time (SHA-256 of both, so not even the
/// length leaks). Without a token they stay loopback-only. A loopback request that carries proxy headers
/// (<c>Forwarded</c>, <c>X-Forwarded-For</c>, <c>X-Real-IP</c>) came from elsewhere through a reverse proxy and counts as remote.
/// </summary>
internal static class AdminAccess
{
    public static IResult? Check(HttpContext http, MailStreamsOptions options)
    {
        var remote = http.Connection.RemoteIpAddress;
        if ((remote is null || IPAddress.IsLoopback(remote)) && !Proxied(http.Request)) return null;
        if (string.IsNullOrEmpty(options.AdminToken))
            return Problem(403, "this endpoint is loopback-only; set MailStreams:AdminToken to allow other clients");
        var header = http.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        var given = header.StartsWith(prefix, StringComparison.Ordinal) ? header[prefix.Length..] : "";
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(options.AdminToken)))
            ? null
            : Problem(401, "missing or wrong admin token (Authorization: Bearer <token>)");
    }

    private static bool Proxied(HttpRequest request) =>
        request.Headers.ContainsKey("Forwarded") || request.Headers.ContainsKey("X-Forwarded-For") || request.Headers.ContainsKey("X-Real-IP");

    public static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
