namespace GovDataPortal.Features.Organisation;

/// <summary>Choices offered by the organisation forms and filters, with their Chinese labels.</summary>
public static class OrganisationOptions
{
    public sealed record Option<T>(T Value, string Text);

    public static readonly IReadOnlyList<Option<DepartmentKind?>> Kinds =
        Enum.GetValues<DepartmentKind>().Select(k => new Option<DepartmentKind?>(k, Department.KindName(k))).ToList();

    public static readonly IReadOnlyList<Option<RegionLevel>> Levels =
        Enum.GetValues<RegionLevel>().Select(l => new Option<RegionLevel>(l, Region.LevelName(l))).ToList();

    /// <summary>Regions in tree order, indented by level so the hierarchy reads in a flat drop-down.</summary>
    public static IReadOnlyList<Option<int>> Regions(IEnumerable<RegionRow> regions) =>
        regions.Select(r => new Option<int>(r.Id, new string('　', r.Depth) + r.Name)).ToList();
}
