use openapi::Page;
use openapi::auth::TokensOut;
use openapi::catalog::{ProductOut, SupplierOut, VariantOut};
use openapi::inventory::{LocationOut, PurchaseOrderOut, ReplenishmentOut, ValuationOut};
use openapi::logistics::FulfilmentStatus::{Delivered, Packed, Pending, Picking, Shipped};
use openapi::logistics::{FulfilmentSummary, LateCounts, ScorecardOut};
use openapi::orders::{CustomerOut, OrderOut, OrderStatus};
use openapi::tenancy::Currency;

use crate::db_test;
use crate::harness::TestApp;

/// How many stock levels differ from the sum of their ledger (on hand or reserved).
async fn levels_off_their_ledger(app: &TestApp) -> i64 {
    use sea_orm::ConnectionTrait;
    app.db()
        .query_one_raw(sea_orm::Statement::from_string(
            app.db().get_database_backend(),
            "SELECT COUNT(*) AS n FROM stock_levels l WHERE l.on_hand <> \
             (SELECT COALESCE(SUM(m.on_hand_delta), 0) FROM stock_movements m \
              WHERE m.tenant_id = l.tenant_id AND m.variant_id = l.variant_id \
              AND m.location_id = l.location_id) OR l.reserved <> \
             (SELECT COALESCE(SUM(m.reserved_delta), 0) FROM stock_movements m \
              WHERE m.tenant_id = l.tenant_id AND m.variant_id = l.variant_id \
              AND m.location_id = l.location_id)",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap()
}

db_test!(
    the_demo_store_has_a_catalog_stock_suppliers_and_an_open_order,
    |app| {
        let jwt = api::access::jwt::JwtKeys::new(
            b"a test secret that is long enough for hs256",
            "retaguarda-test",
        );
        let secret = app.config().jwt_secret.clone();
        api::demo::seed(app.db(), &jwt, &secret).await.unwrap();
        // Seeding twice changes nothing.
        api::demo::seed(app.db(), &jwt, &secret).await.unwrap();
        // What the seed's events cause (margins of orders paid then refunded, …) is written
        // after it: read once it all is, or a figure can change between two reads.
        app.outbox_drained().await;
        // Every event the seed wrote is in the catalogue and fits its webhook's schema.
        let kinds = crate::event_catalogue::every_row_fits(&app).await;
        assert!(kinds.len() >= 15, "{kinds:?}");
        let login: TokensOut = app
            .login(api::demo::DEMO_EMAIL, api::demo::DEMO_PASSWORD)
            .await
            .expect(200)
            .parse();
        let token = login.access_token;
        let get = |path: &'static str| app.get(path).token(&token);
        let products = get("/api/v1/catalog/products?limit=200")
            .returns::<Page<ProductOut>>(200)
            .await
            .items;
        assert_eq!(products.len(), 30);
        let purchases = get("/api/v1/inventory/purchase-orders?status=sent")
            .returns::<Page<PurchaseOrderOut>>(200)
            .await;
        assert_eq!(purchases.items.len(), 1);
        let locations = get("/api/v1/inventory/locations")
            .returns::<Page<LocationOut>>(200)
            .await;
        assert_eq!(locations.items.len(), 2);
        let valuation = get("/api/v1/inventory/valuation")
            .returns::<ValuationOut>(200)
            .await;
        assert!(valuation.units > 500, "{valuation:#?}");
        let plan = get("/api/v1/inventory/replenishment")
            .returns::<ReplenishmentOut>(200)
            .await;
        assert!(!plan.groups.is_empty());
        let suppliers = get("/api/v1/catalog/suppliers")
            .returns::<Page<SupplierOut>>(200)
            .await;
        assert_eq!(suppliers.items.len(), 3);
        let first = &products[0];
        let barcode = first.variants[0].barcode.clone().unwrap_or_default();
        assert!(openapi::checks::gtin(&barcode).is_ok(), "{barcode}");
        let scanned: VariantOut = app
            .get(&format!("/api/v1/catalog/variants/by-barcode/{barcode}"))
            .token(&token)
            .returns(200)
            .await;
        assert_eq!(scanned.product_name, first.name);
        assert_eq!(first.variants[0].currency, Currency::BRL);

        let orders = get("/api/v1/orders?limit=200")
            .returns::<Page<OrderOut>>(200)
            .await
            .items;
        // 50 orders, and 5 of the customers on credit terms.
        assert_eq!(orders.len(), 55);
        for status in OrderStatus::ALL {
            assert!(
                orders.iter().any(|o| o.status == status),
                "no {} order",
                status.as_str()
            );
        }
        // One webhook endpoint, off after its deliveries failed, with a log of both.
        let hooks = get("/api/v1/automation/webhooks")
            .returns::<Page<openapi::automation::WebhookEndpointOut>>(200)
            .await
            .items;
        assert_eq!(hooks.len(), 1);
        assert_eq!(
            hooks[0].disabled_reason,
            Some(openapi::automation::DisabledReason::Failing)
        );
        // (Events that follow the seed's, from the outbox and the sweeps, are collected for
        // it too, pending while it is off.)
        let log = |status: &'static str| {
            let path = format!(
                "/api/v1/automation/webhooks/{}/deliveries?status={status}",
                hooks[0].id
            );
            let request = app.get(&path).token(&token);
            async move {
                request
                    .returns::<Page<openapi::automation::WebhookDeliveryOut>>(200)
                    .await
                    .items
            }
        };
        assert_eq!(log("succeeded").await.len(), 3);
        let failed = log("failed").await;
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].attempts, 12);
        let customers = get("/api/v1/customers")
            .returns::<Page<CustomerOut>>(200)
            .await;
        assert_eq!(customers.items.len(), 15);
        let fulfilments = get("/api/v1/logistics/fulfilments?limit=200")
            .returns::<Page<FulfilmentSummary>>(200)
            .await
            .items;
        for status in [Pending, Picking, Packed, Shipped, Delivered] {
            assert!(
                fulfilments.iter().any(|f| f.status == status),
                "no {} fulfilment",
                status.as_str()
            );
        }
        let late = get("/api/v1/logistics/late-counts")
            .returns::<LateCounts>(200)
            .await;
        assert!(
            late.late_to_ship > 0 && late.late_in_transit > 0,
            "{late:?}"
        );
        // The demo's parcels took days, never less than none, over more than one month.
        let card = get("/api/v1/logistics/scorecard?from=2026-01-01&to=2027-12-31")
            .returns::<ScorecardOut>(200)
            .await;
        let days: Vec<i64> = card.rows.iter().filter_map(|r| r.median_days).collect();
        assert!(!days.is_empty() && days.iter().all(|d| *d >= 0), "{days:?}");
        let months: std::collections::HashSet<_> = card.rows.iter().map(|r| &r.month).collect();
        assert!(months.len() > 1, "{months:?}");
        // Invoices of the paid orders, gapless from 1, NF-e mostly authorized; the refunded
        // order's credited in full.
        let invoices = get("/api/v1/finance/invoices?limit=200")
            .returns::<Page<openapi::finance::InvoiceOut>>(200)
            .await
            .items;
        let mut numbers: Vec<i64> = invoices.iter().map(|i| i.number).collect();
        numbers.sort();
        assert_eq!(numbers, (1..=numbers.len() as i64).collect::<Vec<_>>());
        use openapi::finance::{FiscalStatus, InvoiceKind};
        let authorized = invoices
            .iter()
            .filter(|i| i.fiscal.status == FiscalStatus::Authorized)
            .count();
        assert!(
            authorized * 2 > invoices.len(),
            "{authorized} of {}",
            invoices.len()
        );
        assert!(invoices.iter().any(|i| i.kind == InvoiceKind::CreditNote));
        let waiting = get("/api/v1/finance/payment-notifications?status=unmatched")
            .returns::<Page<openapi::finance::PaymentNotificationOut>>(200)
            .await
            .items;
        assert_eq!(waiting.len(), 2, "{waiting:?}");
        // Customers on terms: one blocked by dunning (its new order held), instalments paid,
        // open and overdue.
        let credit = get("/api/v1/finance/customers")
            .returns::<Page<openapi::finance::CustomerCreditOut>>(200)
            .await
            .items;
        assert_eq!(credit.len(), 3);
        let owing = credit
            .iter()
            .filter(|c| c.open_receivables > rust_decimal::Decimal::ZERO);
        assert_eq!(owing.count(), 2, "the emporium paid: {credit:?}");
        let blocked: Vec<_> = credit.iter().filter_map(|c| c.blocked.as_ref()).collect();
        assert!(blocked.len() == 1 && blocked[0].automatic, "{credit:?}");
        let ageing = get("/api/v1/finance/receivables/ageing")
            .returns::<openapi::finance::AgeingOut>(200)
            .await;
        let buckets = &ageing.totals[0].buckets;
        assert!(buckets.current > rust_decimal::Decimal::ZERO, "{buckets:?}");
        assert!(
            buckets.days_1_30 > rust_decimal::Decimal::ZERO,
            "{buckets:?}"
        );
        // The dashboard's figures: what is owed, of which the blocked market's overdue.
        let figures = get("/api/v1/finance/summary")
            .returns::<openapi::finance::FinanceSummaryOut>(200)
            .await;
        assert_eq!(figures.owed, buckets.total);
        assert_eq!(figures.overdue, buckets.days_1_30);
        assert_eq!(
            (figures.overdue_customers, figures.blocked_customers),
            (1, 1)
        );
        let paid = get("/api/v1/finance/receivables?status=paid")
            .returns::<Page<openapi::finance::InstalmentOut>>(200)
            .await
            .items;
        assert_eq!(
            paid.len(),
            2,
            "the distributor's first, the emporium's by the bank"
        );
        let to_match = get("/api/v1/finance/bank-lines?status=unmatched")
            .returns::<Page<openapi::finance::BankLineOut>>(200)
            .await
            .items;
        assert_eq!(to_match.len(), 2);
        // Supplier bills: one held for a manager, one overdue; cash flow from the balance.
        let bills = get("/api/v1/finance/bills")
            .returns::<Page<openapi::finance::BillOut>>(200)
            .await
            .items;
        use openapi::finance::BillStatus;
        let statuses: Vec<BillStatus> = bills.iter().map(|b| b.status).collect();
        assert_eq!(bills.len(), 3, "{statuses:?}");
        for status in [
            BillStatus::Held,
            BillStatus::Overdue,
            BillStatus::PartiallyPaid,
        ] {
            assert!(statuses.contains(&status), "{statuses:?}");
        }
        let flow = get("/api/v1/finance/cash-flow")
            .returns::<openapi::finance::CashFlowOut>(200)
            .await;
        assert!(flow.entered.is_some());
        assert!(flow.weeks.iter().any(|w| !w.outflows.is_zero()), "{flow:?}");
        // A month of margin: the marketplace's, worked out by hand, to the cent.
        crate::finance::margins::demo_marketplace_by_hand(&app, &token).await;
        // Every level still equals its ledger after the orders' reservations, sales and returns.
        let drifted = levels_off_their_ledger(&app).await;
        assert_eq!(drifted, 0);
    }
);
