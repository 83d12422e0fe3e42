using System.Net;
using System.Net.Http.Headers;

namespace MailStreams.Store.S2;

/// <summary>
/// Sends requests to one S2 basin: base URL, bearer token, <c>s2-basin</c> on a single custom endpoint,
/// <c>s2-format: base64</c>; each attempt under <see cref="S2Settings.RequestTimeout"/> (for a streamed response
/// only until its headers), retried per <see cref="S2RetryPolicy"/>. Answers every final status to the caller.
/// </summary>
internal sealed class S2Transport(HttpClient http, S2Settings settings, string basin)
{
    private readonly S2RetryPolicy _retry = new(settings);
    private readonly string _base = settings.Endpoint.Replace("{basin}", basin, StringComparison.Ordinal).TrimEnd('/');

    public string Basin => basin;

    public Uri Url(string relative) => new(_base + "/" + relative);

    /// <summary>Sends with retries. <paramref name="idempotent"/>: may a failure that perhaps applied be retried?</summary>
    public async Task<S2Response> SendAsync(Func<HttpRequestMessage> request, bool idempotent, CancellationToken ct,
        bool streamed = false)
    {
        var uncertain = false;
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.RequestTimeout);
            var message = Prepare(request());
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(message,
                    streamed ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, timeout.Token);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or OperationCanceledException)
            {
                var safe = e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
                if (attempt >= _retry.MaxAttempts || !(safe || idempotent))
                    throw new StreamStoreException("unavailable", $"S2 request {message.Method} {message.RequestUri} failed: {e.Message}");
                uncertain |= !safe;
                await Task.Delay(_retry.Delay(attempt), ct);
                continue;
            }
            if (response.IsSuccessStatusCode && streamed) return new S2Response(response, "", uncertain);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode && _retry.ShouldRetry(attempt, response.StatusCode, CodeOf(body), idempotent))
            {
                uncertain |= S2RetryPolicy.IsRetryableIfIdempotent(response.StatusCode);
                response.Dispose();
                await Task.Delay(_retry.Delay(attempt), ct);
                continue;
            }
            return new S2Response(response, body, uncertain);
        }
    }

    private HttpRequestMessage Prepare(HttpRequestMessage message)
    {
        if (!string.IsNullOrEmpty(settings.AccessToken))
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        if (settings.IsSingleEndpoint) message.Headers.TryAddWithoutValidation("s2-basin", basin);
        message.Headers.TryAddWithoutValidation("s2-format", S2RecordCodec.Base64);
        return message;
    }

    private static string? CodeOf(string body)
    {
        try { return S2Json.Deserialize<S2WireError>(body).Code; }
        catch (System.Text.Json.JsonException) { return null; }
    }

    public static HttpContent JsonContent<T>(T value) =>
        new StringContent(S2Json.Serialize(value), System.Text.Encoding.UTF8, "application/json");

    public static bool Is(S2Response response, HttpStatusCode status) => response.Status == status;
}
