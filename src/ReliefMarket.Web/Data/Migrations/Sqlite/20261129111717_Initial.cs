using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefMarket.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "asp_net_roles",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "counties",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    programme = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    latitude = table.Column<double>(type: "REAL", nullable: false),
                    longitude = table.Column<double>(type: "REAL", nullable: false),
                    headline_en = table.Column<string>(type: "TEXT", nullable: false),
                    headline_zh = table.Column<string>(type: "TEXT", nullable: false),
                    name_en = table.Column<string>(type: "TEXT", nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", nullable: false),
                    prefecture_en = table.Column<string>(type: "TEXT", nullable: false),
                    prefecture_zh = table.Column<string>(type: "TEXT", nullable: false),
                    province_en = table.Column<string>(type: "TEXT", nullable: false),
                    province_zh = table.Column<string>(type: "TEXT", nullable: false),
                    story_en = table.Column<string>(type: "TEXT", nullable: false),
                    story_zh = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counties", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_role_claims_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "asp_net_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "townships",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_id = table.Column<int>(type: "INTEGER", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_townships", x => x.id);
                    table.ForeignKey(
                        name: "fk_townships_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "villages",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_id = table.Column<int>(type: "INTEGER", nullable: false),
                    township_id = table.Column<int>(type: "INTEGER", nullable: true),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    registered_poor_households = table.Column<int>(type: "INTEGER", nullable: false),
                    registered_poor_people = table.Column<int>(type: "INTEGER", nullable: false),
                    is_designated_poor_village = table.Column<bool>(type: "INTEGER", nullable: false),
                    has_exited = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_demo_data = table.Column<bool>(type: "INTEGER", nullable: false),
                    name_en = table.Column<string>(type: "TEXT", nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", nullable: false),
                    story_en = table.Column<string>(type: "TEXT", nullable: false),
                    story_zh = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_villages", x => x.id);
                    table.ForeignKey(
                        name: "fk_villages_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_villages_townships_township_id",
                        column: x => x.township_id,
                        principalTable: "townships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "producers",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    village_id = table.Column<int>(type: "INTEGER", nullable: false),
                    supported_poor_households = table.Column<int>(type: "INTEGER", nullable: false),
                    is_demo_data = table.Column<bool>(type: "INTEGER", nullable: false),
                    name_en = table.Column<string>(type: "TEXT", nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", nullable: false),
                    story_en = table.Column<string>(type: "TEXT", nullable: false),
                    story_zh = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_producers", x => x.id);
                    table.ForeignKey(
                        name: "fk_producers_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_users",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    preferred_culture = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    producer_id = table.Column<int>(type: "INTEGER", nullable: true),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_users", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_users_producers_producer_id",
                        column: x => x.producer_id,
                        principalTable: "producers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    producer_id = table.Column<int>(type: "INTEGER", nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    price_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    stock = table.Column<int>(type: "INTEGER", nullable: false),
                    image_path = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    is_listed = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    certification_status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    certificate_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    issuing_county_id = table.Column<int>(type: "INTEGER", nullable: true),
                    certified_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    certification_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    description_en = table.Column<string>(type: "TEXT", nullable: false),
                    description_zh = table.Column<string>(type: "TEXT", nullable: false),
                    name_en = table.Column<string>(type: "TEXT", nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", nullable: false),
                    unit_en = table.Column<string>(type: "TEXT", nullable: false),
                    unit_zh = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_products", x => x.id);
                    table.CheckConstraint("ck_products_stock", "stock >= 0");
                    table.ForeignKey(
                        name: "fk_products_counties_issuing_county_id",
                        column: x => x.issuing_county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_products_producers_producer_id",
                        column: x => x.producer_id,
                        principalTable: "producers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sourcing_shares",
                columns: table => new
                {
                    village_id = table.Column<int>(type: "INTEGER", nullable: false),
                    producer_id = table.Column<int>(type: "INTEGER", nullable: false),
                    basis_points = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sourcing_shares", x => new { x.producer_id, x.village_id });
                    table.CheckConstraint("ck_sourcing_shares_basis_points", "basis_points > 0 AND basis_points <= 10000");
                    table.ForeignKey(
                        name: "fk_sourcing_shares_producers_producer_id",
                        column: x => x.producer_id,
                        principalTable: "producers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sourcing_shares_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_asp_net_user_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_roles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    role_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "asp_net_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_asp_net_user_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    subtotal_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    shipping_fee_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    total_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    refunded_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    payment_reference = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    paid_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    shipped_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    carrier = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    tracking_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    delivered_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    cancelled_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => x.id);
                    table.ForeignKey(
                        name: "fk_orders_asp_net_users_customer_id",
                        column: x => x.customer_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "order_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<int>(type: "INTEGER", nullable: false),
                    unit_price_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    producer_id = table.Column<int>(type: "INTEGER", nullable: false),
                    certified_at_sale = table.Column<bool>(type: "INTEGER", nullable: false),
                    producer_name_en = table.Column<string>(type: "TEXT", nullable: false),
                    producer_name_zh = table.Column<string>(type: "TEXT", nullable: false),
                    product_name_en = table.Column<string>(type: "TEXT", nullable: false),
                    product_name_zh = table.Column<string>(type: "TEXT", nullable: false),
                    unit_en = table.Column<string>(type: "TEXT", nullable: false),
                    unit_zh = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_lines", x => x.id);
                    table.CheckConstraint("ck_order_lines_quantity", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_order_lines_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_order_lines_producers_producer_id",
                        column: x => x.producer_id,
                        principalTable: "producers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_order_lines_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "attribution_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_line_id = table.Column<long>(type: "INTEGER", nullable: false),
                    village_id = table.Column<int>(type: "INTEGER", nullable: false),
                    county_id = table.Column<int>(type: "INTEGER", nullable: false),
                    producer_id = table.Column<int>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    certified_at_sale = table.Column<bool>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    occurred_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attribution_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_attribution_entries_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_attribution_entries_order_lines_order_line_id",
                        column: x => x.order_line_id,
                        principalTable: "order_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_attribution_entries_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_attribution_entries_producers_producer_id",
                        column: x => x.producer_id,
                        principalTable: "producers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_attribution_entries_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "order_line_shares",
                columns: table => new
                {
                    village_id = table.Column<int>(type: "INTEGER", nullable: false),
                    order_line_id = table.Column<long>(type: "INTEGER", nullable: false),
                    county_id = table.Column<int>(type: "INTEGER", nullable: false),
                    basis_points = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_line_shares", x => new { x.order_line_id, x.village_id });
                    table.ForeignKey(
                        name: "fk_order_line_shares_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_order_line_shares_order_lines_order_line_id",
                        column: x => x.order_line_id,
                        principalTable: "order_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_order_line_shares_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_role_claims_role_id",
                table: "asp_net_role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "role_name_index",
                table: "asp_net_roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "asp_net_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "asp_net_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_roles_role_id",
                table: "asp_net_user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "email_index",
                table: "asp_net_users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_users_producer_id",
                table: "asp_net_users",
                column: "producer_id");

            migrationBuilder.CreateIndex(
                name: "user_name_index",
                table: "asp_net_users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_county_id_occurred_at_utc_channel_amount_fen",
                table: "attribution_entries",
                columns: new[] { "county_id", "occurred_at_utc", "channel", "amount_fen" });

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_occurred_at_utc_channel_amount_fen",
                table: "attribution_entries",
                columns: new[] { "occurred_at_utc", "channel", "amount_fen" });

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_order_id",
                table: "attribution_entries",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_order_line_id",
                table: "attribution_entries",
                column: "order_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_producer_id_occurred_at_utc_amount_fen",
                table: "attribution_entries",
                columns: new[] { "producer_id", "occurred_at_utc", "amount_fen" });

            migrationBuilder.CreateIndex(
                name: "ix_attribution_entries_village_id_occurred_at_utc_amount_fen",
                table: "attribution_entries",
                columns: new[] { "village_id", "occurred_at_utc", "amount_fen" });

            migrationBuilder.CreateIndex(
                name: "ix_counties_code",
                table: "counties",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_order_line_shares_county_id",
                table: "order_line_shares",
                column: "county_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_line_shares_village_id",
                table: "order_line_shares",
                column: "village_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_order_id",
                table: "order_lines",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_producer_id",
                table: "order_lines",
                column: "producer_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_product_id",
                table: "order_lines",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_customer_id_created_at_utc",
                table: "orders",
                columns: new[] { "customer_id", "created_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_payment_reference",
                table: "orders",
                column: "payment_reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_status_created_at_utc",
                table: "orders",
                columns: new[] { "status", "created_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_producers_code",
                table: "producers",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_producers_village_id",
                table: "producers",
                column: "village_id");

            migrationBuilder.CreateIndex(
                name: "ix_products_is_listed_category",
                table: "products",
                columns: new[] { "is_listed", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_products_is_listed_certification_status",
                table: "products",
                columns: new[] { "is_listed", "certification_status" });

            migrationBuilder.CreateIndex(
                name: "ix_products_is_listed_created_at_utc",
                table: "products",
                columns: new[] { "is_listed", "created_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_products_issuing_county_id",
                table: "products",
                column: "issuing_county_id");

            migrationBuilder.CreateIndex(
                name: "ix_products_producer_id",
                table: "products",
                column: "producer_id");

            migrationBuilder.CreateIndex(
                name: "ix_products_slug",
                table: "products",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sourcing_shares_village_id",
                table: "sourcing_shares",
                column: "village_id");

            migrationBuilder.CreateIndex(
                name: "ix_townships_county_id_code",
                table: "townships",
                columns: new[] { "county_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_villages_code",
                table: "villages",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_villages_county_id",
                table: "villages",
                column: "county_id");

            migrationBuilder.CreateIndex(
                name: "ix_villages_township_id",
                table: "villages",
                column: "township_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "asp_net_role_claims");

            migrationBuilder.DropTable(
                name: "asp_net_user_claims");

            migrationBuilder.DropTable(
                name: "asp_net_user_logins");

            migrationBuilder.DropTable(
                name: "asp_net_user_roles");

            migrationBuilder.DropTable(
                name: "asp_net_user_tokens");

            migrationBuilder.DropTable(
                name: "attribution_entries");

            migrationBuilder.DropTable(
                name: "order_line_shares");

            migrationBuilder.DropTable(
                name: "sourcing_shares");

            migrationBuilder.DropTable(
                name: "asp_net_roles");

            migrationBuilder.DropTable(
                name: "order_lines");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "asp_net_users");

            migrationBuilder.DropTable(
                name: "producers");

            migrationBuilder.DropTable(
                name: "villages");

            migrationBuilder.DropTable(
                name: "townships");

            migrationBuilder.DropTable(
                name: "counties");
        }
    }
}
