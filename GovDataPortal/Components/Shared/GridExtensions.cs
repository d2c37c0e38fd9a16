using MudBlazor;

namespace GovDataPortal.Components.Shared;

/// <summary>What every server-paged grid of the portal does when its filter changes.</summary>
public static class GridExtensions
{
    /// <summary>
    /// Shows the first page of the grid's (changed) filter with one query. <see cref="MudDataGrid{T}.ReloadServerData"/>
    /// alone keeps the current page (page 3 of a filter that now matches one page shows nothing); navigating first and
    /// then reloading asks twice. In MudBlazor 9.12, moving to another page loads that page by itself (the CurrentPage
    /// setter calls the server once), so a grid off its first page is only moved there, and a grid on it only reloaded.
    /// </summary>
    public static Task ReloadFromFirstPageAsync<T>(this MudDataGrid<T> grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (grid.CurrentPage == 0) return grid.ReloadServerData();
        grid.NavigateTo(Page.First);
        return Task.CompletedTask;
    }
}
