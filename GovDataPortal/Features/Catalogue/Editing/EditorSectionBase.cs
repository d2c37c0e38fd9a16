using Microsoft.AspNetCore.Components;

namespace GovDataPortal.Features.Catalogue.Editing;

/// <summary>
/// A section of the catalogue form: it edits <see cref="State"/>'s content, tells it what changed (its messages then show
/// and the rules run again shortly) and re-renders when the rules have run.
/// </summary>
public abstract class EditorSectionBase : ComponentBase, IDisposable
{
    [Parameter, EditorRequired] public CatalogueEditorState State { get; set; } = null!;

    protected abstract EditorSection Section { get; }

    protected CatalogueContent C => State.Content;

    protected bool ReadOnly => State.ReadOnly;

    private CatalogueEditorState? _subscribed;

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_subscribed, State)) return;
        if (_subscribed is not null) _subscribed.Revalidated -= OnRevalidated;
        _subscribed = State;
        State.Revalidated += OnRevalidated;
    }

    private void OnRevalidated() => _ = InvokeAsync(StateHasChanged);

    /// <summary>Call after changing the content.</summary>
    protected void Changed() => State.Changed(Section);

    public void Dispose()
    {
        if (_subscribed is not null) _subscribed.Revalidated -= OnRevalidated;
        GC.SuppressFinalize(this);
    }
}
