using System.Net;
using System.Security.Cryptography;
using System.Text;
using MailStreams.Hosting;

namespace MailStreams.Host.Http.S2;

/// <summary>
/// Who may use the S2-compatible endpoint: with an access token configured, whoever sends
/// <c>Authorization: Bearer &lt;token&gt;</c> (compared in constant time); without one, loopback clients only.
/// </summary>
internal static class S2EndpointAccess
{
    public static IResult? Check(HttpContext http, S2EndpointSettings settings)
    {
        if (string.IsNullOrEmpty(settings.AccessToken))
        {
            var remote = http.Connection.RemoteIpAddress;
            return remote is null || IPAddress.IsLoopback(remote)
                ? null
                : S2Errors.Error(403, "permission_denied", "this endpoint serves loopback clients only; set MailStreams:Store:Endpoint:AccessToken to allow others");
        }
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return S2Errors.Error(401, "authn", "missing access token (Authorization: Bearer <token>)");
        var given = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(settings.AccessToken))
            ? null
            : S2Errors.Error(401, "authn", "the access token is not valid");
    }
}
