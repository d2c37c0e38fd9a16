using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// One GIN index over the keyword grams and every equality filter of the list (btree_gin lets GIN index plain columns):
/// "人口" with two filters intersects three posting lists inside the index and reads only the rows that answer all of
/// them, instead of every row holding the keyword (docs/decisions/0007-catalogue-search.md, figures in scripts/bench.sh).
/// </summary>
internal sealed class CatalogueSearchIndexConfiguration : IEntityTypeConfiguration<CatalogueEntry>
{
    public const string IndexName = "IX_catalogue_entries_search";

    public void Configure(EntityTypeBuilder<CatalogueEntry> b)
    {
        b.Metadata.Model.GetOrAddPostgresExtension(null, "btree_gin", null);
        b.HasIndex(e => new
        {
            e.TextGrams, e.ShareType, e.OpenType, e.CatalogueType, e.UpdateCycle, e.SecurityLevel, e.Status, e.ProviderDepartmentId,
            e.ResourceClassId,
        }).HasMethod("gin").HasDatabaseName(IndexName);
    }
}
