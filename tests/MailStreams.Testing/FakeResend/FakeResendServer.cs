using System.Net;
using System.Text.Json;
using MailStreams.Ingress.Resend;
using MailStreams.Mail;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MailStreams.Testing.FakeResend;

/// <summary>
/// A real HTTP server on 127.0.0.1 (random port) answering as Resend does (specs/resend.md): Bearer auth,
/// <c>POST /emails</c> with validation and Idempotency-Key semantics, <c>GET /emails/receiving/{id}</c>, error bodies
/// and rate-limit headers. Tests register received emails, inject failures per endpoint and inspect what was sent.
/// Lifecycle: construct, <see cref="StartAsync"/>, use <see cref="BaseUrl"/>, dispose (releases hung requests).
/// </summary>
internal sealed class FakeResendServer(string apiKey = FakeResendServer.DefaultApiKey) : IAsyncDisposable
{
    public const string DefaultApiKey = "re_fake_7Hq2xLm9Pz4Kw8Rt";

    private readonly object _gate = new();
    private readonly Dictionary<string, string> _received = new(StringComparer.Ordinal);
    private readonly Dictionary<FakeResendEndpoint, Queue<FakeResendFailure>> _failures = new();
    private readonly List<FakeResendRequest> _requests = [];
    private readonly FakeResendSendLog _sends = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _disposed;
    private int _sendsInFlight;

    public string ApiKey { get; } = apiKey;

    /// <summary>The <c>ratelimit-limit</c> announced on every answer.</summary>
    public int RateLimit { get; init; } = 5;

    /// <summary>
    /// How long an accepted send waits before its answer goes out: a window in which the client may die after Resend
    /// accepted the email and before it heard so (the crash harness kills the daemon inside it).
    /// </summary>
    public TimeSpan SendAnswerDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Sends received and not yet answered.</summary>
    public int SendsInFlight => Volatile.Read(ref _sendsInFlight);

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, once started.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every accepted send, in order (a send repeated with the same Idempotency-Key and payload appears once).</summary>
    public IReadOnlyList<FakeResendSend> Sent => _sends.Sent;

    public IReadOnlyList<FakeResendRequest> Requests { get { lock (_gate) return _requests.ToList(); } }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = nameof(FakeResendServer) });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single().TrimEnd('/');
    }

    public void AddReceivedEmail(ResendReceivedEmail email) =>
        AddReceivedEmail(JsonSerializer.Serialize(email, MailJson.Options), email.Id);

    /// <summary>Serves <paramref name="json"/> verbatim for its <c>id</c> (or for <paramref name="id"/> when given).</summary>
    public void AddReceivedEmail(string json, string? id = null)
    {
        if (id is null)
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var property))
                id = property.GetString();
        }
        lock (_gate) _received[id ?? throw new ArgumentException("the received email has no id; pass one", nameof(json))] = json;
    }

    /// <summary>The next <paramref name="count"/> authenticated requests to <paramref name="endpoint"/> get <paramref name="failure"/>.</summary>
    public void FailNext(FakeResendEndpoint endpoint, int count, FakeResendFailure failure)
    {
        lock (_gate)
        {
            if (!_failures.TryGetValue(endpoint, out var queue)) _failures[endpoint] = queue = new Queue<FakeResendFailure>();
            for (var i = 0; i < count; i++) queue.Enqueue(failure);
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> sends were accepted; throws <see cref="TimeoutException"/> otherwise.</summary>
    public Task<IReadOnlyList<FakeResendSend>> WaitForSendsAsync(int count, TimeSpan timeout) => _sends.WaitForAsync(count, timeout);

    /// <summary>Releases hung requests and stops the server; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var path = rawTarget.Split('?')[0];
        var segments = path.Trim('/').Split('/');
        FakeResendEndpoint? endpoint = segments switch
        {
            ["emails"] => FakeResendEndpoint.Send,
            ["emails", "receiving", { Length: > 0 }] => FakeResendEndpoint.Receiving,
            _ => null,
        };

        var error = Authenticate(context.Request) ?? Route(context.Request.Method, endpoint);
        if (error is not null)
        {
            await AnswerAsync(context, path, error.Status, ErrorJson(error), error.RetryAfterSeconds);
            return;
        }

        switch (TakeFailure(endpoint!.Value))
        {
            case FakeResendFailure.Hang:
                await HangAsync(context, path);
                return;
            case { } failure:
                var injected = Injected(failure);
                await AnswerAsync(context, path, injected.Status, ErrorJson(injected), injected.RetryAfterSeconds);
                return;
        }

        var (status, json) = endpoint == FakeResendEndpoint.Receiving
            ? Receiving(Uri.UnescapeDataString(segments[2]))
            : await SendAsync(context.Request);
        await AnswerAsync(context, path, status, json, null);
    }

    private FakeResendError? Authenticate(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
            return new(401, "missing_api_key", "Missing API key in the authorization header. Include the following header Authorization: Bearer YOUR_API_KEY in the request.");
        return authorization == "Bearer " + ApiKey ? null : new(403, "invalid_api_key", "API key is invalid");
    }

    private static FakeResendError? Route(string method, FakeResendEndpoint? endpoint) => endpoint switch
    {
        null => FakeResendError.NotFound("The requested endpoint does not exist."),
        FakeResendEndpoint.Send when method != "POST" => new(405, "method_not_allowed", "Method is not allowed for the requested path."),
        FakeResendEndpoint.Receiving when method != "GET" => new(405, "method_not_allowed", "Method is not allowed for the requested path."),
        _ => null,
    };

    private FakeResendFailure? TakeFailure(FakeResendEndpoint endpoint)
    {
        lock (_gate) return _failures.TryGetValue(endpoint, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
    }

    private static FakeResendError Injected(FakeResendFailure failure) => failure switch
    {
        FakeResendFailure.NotFound => FakeResendError.NotFound("Email not found"),
        FakeResendFailure.RateLimited r => new(429, "rate_limit_exceeded", "Too many requests. You can only make 5 requests per second.", r.RetryAfterSeconds),
        FakeResendFailure.Error e => new(e.Status, e.Name, e.Message, e.RetryAfterSeconds),
        _ => new(500, "internal_server_error", "An unexpected error occurred."),
    };

    private async Task HangAsync(HttpContext context, string path)
    {
        Log(context.Request.Method, path, 0);
        using var release = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try { await Task.Delay(Timeout.Infinite, release.Token); }
        catch (OperationCanceledException) { }
        context.Abort();
    }

    private (int, string) Receiving(string id)
    {
        lock (_gate)
            return _received.TryGetValue(id, out var json) ? (200, json) : (404, ErrorJson(FakeResendError.NotFound("Email not found")));
    }

    private async Task<(int, string)> SendAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var key = request.Headers.TryGetValue("Idempotency-Key", out var keys) ? keys.ToString() : null;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Interlocked.Increment(ref _sendsInFlight);
        try
        {
            var answer = _sends.Accept(buffer.ToArray(), key, headers);
            if (SendAnswerDelay > TimeSpan.Zero)
            {
                try { await Task.Delay(SendAnswerDelay, _stopping.Token); }
                catch (OperationCanceledException) { }
            }
            return answer;
        }
        finally
        {
            Interlocked.Decrement(ref _sendsInFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context, string path, int status, string json, int? retryAfterSeconds)
    {
        Log(context.Request.Method, path, status);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["ratelimit-limit"] = RateLimit.ToString();
        response.Headers["ratelimit-remaining"] = Math.Max(RateLimit - 1, 0).ToString();
        response.Headers["ratelimit-reset"] = "1";
        if (retryAfterSeconds is { } seconds) response.Headers.RetryAfter = seconds.ToString();
        await response.WriteAsync(json);
    }

    private void Log(string method, string path, int status)
    {
        lock (_gate) _requests.Add(new FakeResendRequest(method, path, status));
    }

    private static string ErrorJson(FakeResendError error) => FakeResendSendLog.ErrorJson(error);
}
