namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// The obligation's steps are answered on its page, never with the inbox's generic buttons (a 无需变更 statement needs
/// its reason on the obligation, an accepted or refused one changes the obligation too). The engine refuses generic
/// actions on such a step for everyone, so <see cref="ObligationService"/> opens this gate, in its own scope, for the
/// one decision it makes together with the obligation's change.
/// </summary>
public sealed class ObligationAnswerGate
{
    public bool IsOpen { get; private set; }

    public IDisposable Open()
    {
        IsOpen = true;
        return new Closer(this);
    }

    private sealed class Closer(ObligationAnswerGate gate) : IDisposable
    {
        public void Dispose() => gate.IsOpen = false;
    }
}
