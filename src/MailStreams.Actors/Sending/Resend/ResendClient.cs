using System.Net.Http.Headers;
using MailStreams.Mail;

namespace MailStreams.Sending.Resend;

/// <summary>
/// Resend's HTTP API: sends replies (<c>POST /emails</c> with an Idempotency-Key) and fetches received emails
/// (<c>GET /emails/receiving/{id}</c>). Stateless apart from the injected <see cref="HttpClient"/>; safe to share.
/// Every answer, timeout and network error becomes a classified result; the API key never appears in one.
/// </summary>
internal sealed class ResendClient : IMailSender
{
    private const string JsonMediaType = "application/json";

    private readonly HttpClient _http;
    private readonly ResendOptions _options;
    private readonly Uri _baseUri;
    private readonly TimeProvider _time;

    public ResendClient(HttpClient http, ResendOptions options, TimeProvider? time = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? TimeProvider.System;
        if (string.IsNullOrWhiteSpace(options.ApiKey))
            throw new ArgumentException("Resend API key is not set (RESEND_API_KEY)", nameof(options));
        if (options.ApiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c > '\x7e'))
            throw new ArgumentException("Resend API key contains spaces, control or non-ASCII characters", nameof(options));
        if (!Uri.TryCreate(options.BaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"Resend base URL must be an absolute http(s) URL, not '{options.BaseUrl}'", nameof(options));
        if (options.RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentException("Resend request timeout must be positive", nameof(options));
        _baseUri = baseUri;
    }

    /// <summary>Sends one email; the same key and payload within 24 h are sent once by Resend.</summary>
    public async Task<SendResult> SendAsync(OutboundEmail email, string idempotencyKey, CancellationToken ct = default)
    {
        if (InvalidIdempotencyKey(idempotencyKey) is { } problem) return new SendResult.Permanent(400, problem);

        using var request = NewRequest(HttpMethod.Post, "emails");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        request.Content = new ByteArrayContent(MailJson.Serialize(email)) { Headers = { ContentType = new MediaTypeHeaderValue(JsonMediaType) } };
        var (response, failure) = await ExchangeAsync(request, ct).ConfigureAwait(false);
        return response is null ? new SendResult.Transient(failure!) : ResendClassifier.Send(response, _options.QuotaRetryDelay);
    }

    /// <summary>The full received email (body, headers, attachment metadata) for a webhook's <c>email_id</c>.</summary>
    public async Task<ResendFetchResult> GetReceivedEmailAsync(string emailId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(emailId) || emailId is "." or "..")
            return new ResendFetchResult.Permanent(400, $"invalid received email id '{emailId}'");

        using var request = NewRequest(HttpMethod.Get, "emails/receiving/" + Uri.EscapeDataString(emailId));
        var (response, failure) = await ExchangeAsync(request, ct).ConfigureAwait(false);
        return response is null ? new ResendFetchResult.Transient(failure!) : ResendClassifier.Fetch(response);
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string relativePath)
    {
        var request = new HttpRequestMessage(method, new Uri(_baseUri, relativePath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        return request;
    }

    /// <summary>The answer, or (null, reason) for a timeout or network error. Caller cancellation is rethrown.</summary>
    private async Task<(ResendResponse? Response, string? Failure)> ExchangeAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var body = Redact(await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false));
            if ((int)response.StatusCode == 429)
                Diagnostics.MailMetrics.RateLimited.Add(1, new KeyValuePair<string, object?>("operation", request.Method == HttpMethod.Post ? "send" : "fetch"));
            return (ResendResponse.From((int)response.StatusCode, body, response.Headers, _time.GetUtcNow()), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"Resend did not answer {request.Method} {request.RequestUri!.AbsolutePath} in time (timeout {_options.RequestTimeout.TotalSeconds:0.###} s)");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (null, Redact($"network error on {request.Method} {request.RequestUri!.AbsolutePath}: {e.Message}"));
        }
    }

    private static string? InvalidIdempotencyKey(string? key) =>
        key is null || key.Length is < 1 or > 256 || key.Any(c => c is < '\x20' or > '\x7e')
            ? $"invalid idempotency key: it must be 1 to 256 printable ASCII characters (got {key?.Length ?? 0} characters)"
            : null;

    private string Redact(string text) =>
        text.Contains(_options.ApiKey, StringComparison.Ordinal) ? text.Replace(_options.ApiKey, "[redacted api key]", StringComparison.Ordinal) : text;
}
