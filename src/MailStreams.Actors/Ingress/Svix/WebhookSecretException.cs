namespace MailStreams.Ingress.Svix;

/// <summary>
/// A webhook signing secret that cannot be used (not base64, empty, none given). A configuration error: the
/// host fails at startup and the webhook endpoint answers 500 (specs/webhooks.md §6). The message never contains the secret.
/// </summary>
internal sealed class WebhookSecretException(string message) : Exception(message);
