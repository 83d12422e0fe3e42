namespace MailStreams.Mail;

/// <summary>The loop guard's answer for one email: a reply is allowed, or not, with a reason.</summary>
internal abstract record LoopVerdict
{
    private LoopVerdict() { }

    public static readonly LoopVerdict Allowed = new Reply();

    /// <summary>Replying is fine.</summary>
    public sealed record Reply : LoopVerdict;

    /// <summary>
    /// No reply. <paramref name="Reason"/> is "code: detail" (e.g. <c>auto-submitted: auto-replied</c>); the code is
    /// one of auto-submitted, auto-response-suppress, precedence, mailing-list, null-sender, daemon-sender,
    /// delivery-report, own-address, references-own-reply, reply-budget.
    /// </summary>
    public sealed record NoReply(string Reason) : LoopVerdict
    {
        /// <summary>The machine-readable part of <see cref="Reason"/>, before the first colon.</summary>
        public string Code => Reason.Split(':', 2)[0];
    }
}
