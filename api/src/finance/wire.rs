//! The types finance's routes take and answer, for the document tests (`crate::module::wire`).

use openapi::finance;

use crate::module::wire::WireTypes;

pub fn types(types: &mut WireTypes) {
    types
        .body::<finance::InvoiceIn>()
        .body::<finance::CreditNoteIn>()
        .body::<finance::FiscalIn>()
        .body::<finance::PaymentNotificationIn>()
        .body::<finance::NotificationMatchIn>()
        .answer::<finance::PaymentNotificationOut>()
        .query::<finance::NotificationQuery>()
        .answer::<finance::InvoiceOut>()
        .query::<finance::InvoiceQuery>()
        .body::<finance::CreditTermsIn>()
        .body::<finance::BlockIn>()
        .body::<finance::WriteOffIn>()
        .body::<finance::FinanceSettingsIn>()
        .answer::<finance::CustomerCreditOut>()
        .answer::<finance::InstalmentOut>()
        .answer::<finance::AgeingOut>()
        .answer::<finance::FinanceSettingsOut>()
        .answer::<finance::FinanceSummaryOut>()
        .query::<finance::CreditQuery>()
        .query::<finance::ReceivableQuery>()
        .body::<finance::BankMatchIn>()
        .body::<finance::BankClassifyIn>()
        .answer::<finance::BankLineOut>()
        .answer::<finance::BankImportOut>()
        .query::<finance::BankLineQuery>()
        .answer::<finance::MarginReport>()
        .answer::<finance::OrderMarginOut>()
        .query::<finance::MarginQuery>()
        .body::<finance::BillIn>()
        .body::<finance::BillApproveIn>()
        .body::<finance::BillPaymentIn>()
        .answer::<finance::BillOut>()
        .answer::<finance::PayablesAgeingOut>()
        .query::<finance::BillQuery>()
        .answer::<finance::CashFlowOut>();
}
