namespace MailStreams.Ingress.Svix;

/// <summary>What <see cref="SvixDiagnosis"/> found, from "valid" to the most specific reason it is not.</summary>
internal enum SvixDiagnosisKind
{
    Valid,
    BadSecret,
    MissingHeader,
    InvalidTimestamp,
    Expired,
    Future,
    UnknownSignatureVersion,
    BodyChanged,
    WrongSecretOrBodyChanged,
}

/// <summary>The verdict and a sentence for a person (the <c>mailstreams webhook verify</c> output).</summary>
internal sealed record SvixDiagnosisResult(SvixDiagnosisKind Kind, string Message)
{
    public bool IsValid => Kind == SvixDiagnosisKind.Valid;
}
