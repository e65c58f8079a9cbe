//! The text policy's rules on examples written for them (not from the corpus): each rule in the
//! six languages, the usual disguises, and ordinary service messages that use the same words in
//! another sense (issue #13). The corpus measures; these pin the behaviour down rule by rule.
use sp_outreach::policy::{lint, Rule, Severity};

fn rules(text: &str) -> Vec<Rule> {
    lint(text).into_iter().map(|f| f.rule).collect()
}

#[track_caller]
fn all_flag(rule: Rule, texts: &[&str]) {
    let missed: Vec<String> = texts.iter().filter(|t| !rules(t).contains(&rule)).map(|t| format!("{t}\n    {:?}", rules(t))).collect();
    assert!(missed.is_empty(), "not flagged as {rule:?}:\n{}", missed.join("\n"));
}

#[track_caller]
fn all_pass(texts: &[&str]) {
    let flagged: Vec<String> = texts
        .iter()
        .filter(|t| !lint(t).is_empty())
        .map(|t| format!("{t}\n    {:?}", lint(t).iter().map(|f| (f.rule, f.excerpt.clone())).collect::<Vec<_>>()))
        .collect();
    assert!(flagged.is_empty(), "flagged:\n{}", flagged.join("\n"));
}

#[test]
fn positive_reviews_and_top_ratings() {
    all_flag(
        Rule::PositiveReview,
        &[
            "Please leave us a positive review on Amazon.",
            "We would really appreciate a glowing review!",
            "A five-star rating would make our day.",
            "Give us 5 stars if you can :)",
            "Rate us 5/5 please.",
            "Full marks would be lovely!",
            "A few kind words on Amazon would mean a lot to our small shop.",
            "★★★★★ reviews help us grow, please leave one.",
            "Bitte hinterlassen Sie uns eine positive Bewertung.",
            "Über eine 5-Sterne-Rezension würden wir uns sehr freuen.",
            "Geben Sie uns bitte fünf Sterne!",
            "Ein paar nette Worte auf Amazon wären toll.",
            "Merci de nous laisser un avis positif sur Amazon.",
            "Un avis 5 étoiles nous ferait très plaisir.",
            "Pourriez-vous nous mettre la note maximale ?",
            "Por favor, déjenos una reseña positiva.",
            "Nos encantaría una valoración de 5 estrellas.",
            "Una opinión excelente nos ayudaría mucho.",
            "Ci lasci una recensione positiva, per favore.",
            "Una valutazione a 5 stelle ci farebbe felici.",
            "Ci dia il massimo dei voti!",
            "星5のレビューをお願いいたします。",
            "高評価をいただけますと幸いです。",
            "ぜひ★★★★★をお願いします！",
        ],
    );
}

#[test]
fn review_gating() {
    all_flag(
        Rule::ReviewGating,
        &[
            "If you love your new lamp, please leave us a review!",
            "Happy with your order? Leave a review. Not happy? Contact us first.",
            "Please contact us before leaving a negative review so we can fix it.",
            "Only leave feedback if you are fully satisfied.",
            "Wenn Sie zufrieden sind, hinterlassen Sie bitte eine Bewertung. Wenn nicht, kontaktieren Sie uns zuerst.",
            "Bitte schreiben Sie uns, bevor Sie eine negative Bewertung abgeben.",
            "Si vous êtes satisfait, laissez-nous un avis ; sinon, contactez-nous d'abord.",
            "Merci de nous contacter avant de laisser un avis négatif.",
            "Si le ha gustado, déjenos una reseña. Si no, escríbanos primero.",
            "Antes de dejar una opinión negativa, contáctenos por favor.",
            "Se è soddisfatto, lasci una recensione; altrimenti ci contatti prima.",
            "Prima di lasciare una recensione negativa, ci scriva.",
            "ご満足いただけましたらレビューをお願いします。",
            "低評価をつける前に当店へご連絡ください。",
        ],
    );
}

#[test]
fn incentives_also_in_the_next_sentence() {
    all_flag(
        Rule::ReviewIncentive,
        &[
            "Leave a review and get 20% off your next order.",
            "We'll send a $10 gift card in exchange for your review.",
            "Write us a review! In return, you get a free sample.",
            "Post your review and we'll refund the shipping.",
            "Für Ihre Bewertung schenken wir Ihnen einen Gutschein.",
            "Schreiben Sie eine Rezension. Als Dankeschön erhalten Sie eine Gratisprobe.",
            "Laissez un avis et recevez un code de réduction.",
            "Un avis = un cadeau !",
            "Deje una reseña y le regalamos un cupón.",
            "Por cada reseña, un descuento del 10 %.",
            "Lasci una recensione e riceverà un buono sconto.",
            "In cambio della sua recensione le invieremo un omaggio.",
            "レビュー投稿でクーポンをプレゼント！",
            "レビューを書いていただいた方に送料を返金いたします。",
        ],
    );
}

#[test]
fn asking_to_change_or_remove_a_review() {
    all_flag(
        Rule::ReviewChange,
        &[
            "Now that it is fixed, could you update your review?",
            "Would you consider removing the negative feedback?",
            "Please change your 1-star rating.",
            "Könnten Sie Ihre Bewertung bitte löschen?",
            "Wären Sie bereit, Ihre Rezension anzupassen?",
            "Pourriez-vous modifier votre avis ?",
            "Merci de supprimer votre commentaire négatif.",
            "¿Podría eliminar su reseña negativa?",
            "Le rogamos que actualice su valoración.",
            "Potrebbe rimuovere la sua recensione negativa?",
            "La preghiamo di modificare il suo feedback.",
            "レビューを削除していただけませんか。",
            "評価の変更をお願いいたします。",
        ],
    );
}

#[test]
fn e_mail_in_every_written_form() {
    all_flag(
        Rule::Email,
        &[
            "Write to anna.m@shop-example.de",
            "anna @ shop-example . de",
            "anna (at) shopexample (dot) com",
            "anna [at] shopexample [dot] com",
            "anna at shopexample dot com",
            "anna arobase shopexample point fr",
            "anna arroba tienda punto es",
            "anna chiocciola negozio punto it",
            "support＠shop-example．jp",
            "サポート：support（アット）shop-example.jp",
            "s u p p o r t @ s h o p . c o m",
            "wr\u{200B}ite to anna@shop\u{200B}example.com",
        ],
    );
    for f in lint("anna (at) shopexample (dot) com") {
        assert_eq!(f.severity, Severity::Error);
    }
}

#[test]
fn phones_and_links_need_confirmation() {
    all_flag(
        Rule::Phone,
        &[
            "Call us on +44 7700 900123.",
            "Our hotline: (555) 010-2299",
            "WhatsApp 0176 1234567",
            "Tel. 030 12345678",
            "Appelez le 06 12 34 56 78.",
            "Llámenos al 612 345 678.",
            "Chiami il 333 123 4567.",
            "お電話は090-1234-5678まで。",
            "Text us: seven seven zero zero nine zero zero one two three",
        ],
    );
    all_flag(
        Rule::Link,
        &[
            "See https://example-shop.com/faq",
            "www.example-shop.de",
            "bit.ly/abc123",
            "myshop.fr/aide",
            "hxxps://example.com",
            "shop dot com slash help",
        ],
    );
    for f in lint("Call +44 7700 900123 or see https://example.com") {
        assert_eq!(f.severity, Severity::Confirm);
    }
    // Amazon's own pages are not off-Amazon.
    all_pass(&["Your order is at https://www.amazon.de/gp/your-account/order-history"]);
}

#[test]
fn ordinary_service_messages_pass() {
    all_pass(&[
        "We will review your claim and refund you within 48 hours.",
        "Your replacement ships free of charge tomorrow.",
        "We booked a 5-star hotel near the venue for the installer.",
        "The set contains 5 star-shaped cookie cutters.",
        "Thank you for your feedback; we have passed it to our warehouse team.",
        "We'd appreciate your honest review, positive or negative, whenever you have time.",
        "If you're happy with the proof, reply OK and we'll engrave it.",
        "2 boxes @ 24 kg each, delivered by pallet.",
        "Your order 114-2039581-6620945 ships today; tracking 1Z 999 AA1 01 2345 6784.",
        "Please keep the fridge below <100 L per shelf.",
        "Nach Bewertung Ihres Schadens erstatten wir den Kaufpreis.",
        "Die Bewertung Ihrer Reklamation dauert zwei Tage.",
        "Vous trouverez un avis de passage dans votre boîte aux lettres.",
        "Sauf avis contraire, nous livrons mardi.",
        "La valoración de su reclamación está en curso; le reembolsaremos pronto.",
        "La valutazione della richiesta di reso richiede 3 giorni.",
        "返品商品の評価後、返金いたします。",
        "The test for the battery was positive, so the cell is fine.",
        "The fridge has an energy rating of A++.",
        "Feel free to contact us if anything is unclear.",
        "Ihre Rückerstattung über 12,99 € wurde veranlasst.",
        "Remboursement effectué : 12,99 €.",
        "The refund has been issued; you will receive it within 5 days.",
        "Estimad@ cliente: su pedido sale hoy.",
        "Su pedido incluye 5 estrellas de mar decorativas.",
        "Le inviamo una chiave a stella da 10 mm.",
        "★ご注文内容★\nマグカップ 1点",
        "Ciao, ti confermo che il pacco è partito ieri.",
    ]);
}

#[test]
fn disguised_words_are_read_through() {
    all_flag(
        Rule::PositiveReview,
        &[
            "Please leave a p\u{43E}sitive r\u{435}view.",
            "a posi\u{AD}tive re\u{200B}view please",
            "a p o s i t i v e review please",
            "a 𝐩𝐨𝐬𝐢𝐭𝐢𝐯𝐞 review please",
            "please leave a ⑤-star review",
            "please leave a 5️⃣ star review",
            "please leave a 5\u{2013}star review",
            "please leave a positive\nreview",
            "p0s1t1v3 r3v13w please",
            "ﾚﾋﾞｭｰで星5をお願いします",
        ],
    );
}

#[test]
fn spans_point_at_the_triggering_words() {
    let text = "Thanks for your order! Please leave a positive review.";
    let f = lint(text);
    assert_eq!(f.len(), 1);
    assert_eq!(&text[f[0].start..f[0].end], "positive review");
    assert_eq!(f[0].words.len(), 2);
    assert_eq!(f[0].excerpt, "positive review");
    // UTF-16 offsets past an emoji and a zero-width space.
    let text = "😀 Bitte eine po\u{200B}sitive Bewertung!";
    let f = lint(text);
    let units: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(String::from_utf16_lossy(&units[f[0].start..f[0].end]), "po\u{200B}sitive Bewertung");
}

#[test]
fn only_invisible_characters_is_empty() {
    assert_eq!(rules("\u{200B}\u{2060}\u{FEFF} \u{00A0}\n\u{3000}\u{AD}"), [Rule::Empty]);
}
