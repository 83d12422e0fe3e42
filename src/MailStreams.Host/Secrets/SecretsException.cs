namespace MailStreams.Host.Secrets;

/// <summary>A secrets file that cannot be read, decrypted or verified, with a message saying what is wrong.</summary>
internal sealed class SecretsException(string message, Exception? inner = null) : Exception(message, inner);
