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

// Round 2 (issue #13): wordings written for the sentence rules in six languages — idioms,
// passives, rhetorical questions, averages, bullets, exclamations, rewards of every kind —
// and service messages that use the same words in other senses. Not taken from either corpus.

#[track_caller]
fn all_block(texts: &[&str]) {
    let missed: Vec<String> = texts
        .iter()
        .filter(|t| !lint(t).iter().any(|f| f.severity == Severity::Error))
        .map(|t| format!("{t}\n    {:?}", rules(t)))
        .collect();
    assert!(missed.is_empty(), "not blocked ({} of {}):\n{}", missed.len(), texts.len(), missed.join("\n"));
}

#[test]
fn round_two_wordings_are_blocked() {
    all_block(&[
        "We'd be thrilled if you could give us a glowing write-up on Amazon.",
        "If the lamp brightens your evenings, a 5★ rating would mean the world.",
        "Help us reach 500 five-star reviews this month!",
        "Loved it? Then please rate us 5 stars. Didn't love it? Message us first.",
        "Only leave a review if you're completely satisfied.",
        "If anything's wrong, please reach out to us before posting a review.",
        "Please don't leave negative feedback — contact us and we'll fix it.",
        "Leave a review and we'll send you a free phone case.",
        "Post your review and get 15% off your next purchase.",
        "As a thank you for your review, we'll refund your shipping.",
        "Send us a screenshot of your review and receive a $5 Amazon gift card.",
        "Now that the issue is solved, would you mind updating your review?",
        "Could you please remove the 1-star review?",
        "Would you consider revising your rating now that the replacement arrived?",
        "Bitte bewerten Sie uns mit 5 Sternen.",
        "Wenn Sie zufrieden sind, freuen wir uns über eine Bewertung. Wenn nicht, melden Sie sich bitte zuerst bei uns.",
        "Für eine Bewertung erhalten Sie einen 10-€-Gutschein.",
        "Könnten Sie Ihre negative Bewertung bitte löschen?",
        "Wir würden uns über eine 5-Sterne-Rezension sehr freuen!",
        "Schreiben Sie eine Rezension und Sie bekommen ein Geschenk.",
        "Pourriez-vous nous laisser une évaluation 5 étoiles ?",
        "Si vous êtes satisfait, laissez-nous un avis ; sinon, contactez-nous d'abord.",
        "Laissez un avis et recevez un bon de réduction de 10 €.",
        "Pourriez-vous modifier votre avis négatif maintenant que le problème est réglé ?",
        "Un avis positif sur Amazon nous aiderait énormément.",
        "¿Podría dejarnos una valoración de cinco estrellas?",
        "Si está satisfecho, déjenos una reseña; si no, escríbanos antes.",
        "Deje su opinión y le regalamos un cupón de descuento.",
        "¿Podría cambiar su reseña negativa ahora que el problema está resuelto?",
        "Una reseña positiva nos ayudaría mucho.",
        "Ci lascerebbe una recensione a cinque stelle?",
        "Se è soddisfatto, ci lasci una recensione; altrimenti ci contatti prima.",
        "Lasci una recensione e riceverà un buono sconto del 10%.",
        "Potrebbe modificare la sua recensione negativa ora che è tutto risolto?",
        "Una recensione positiva ci aiuterebbe molto.",
        "星5つのレビューをいただけますと幸いです。",
        "ご満足いただけましたらレビューをお願いします。ご不満の場合はまずご連絡ください。",
        "レビューを書いていただいた方全員にギフト券をプレゼントします。",
        "問題が解決しましたので、低評価のレビューを削除していただけないでしょうか。",
        "高評価をいただけると励みになります。",
        "Rate your experience: ★★★★★ please!",
        "A quick 5/5 from you would make our week.",
        "Give us top marks on Amazon!",
        "Your honest (but hopefully 5-star!) review would help us a lot.",
        "If you enjoyed it, please tell your friends on Amazon.",
        "Review us and we'll enter you into our monthly prize draw.",
        "For every review, we plant a tree.",
        "Reviewers receive a free mystery gift.",
        "If you left us a low rating, we'd love a second chance to earn five stars.",
        "Please consider changing your 2-star rating to a higher one.",
        "Happy customers leave reviews — unhappy ones talk to us!",
        "Sie haben uns 2 Sterne gegeben – wäre nach dem Austausch eine bessere Bewertung möglich?",
        "Vous pourriez passer votre note à 5 étoiles ?",
        "¿Nos subiría la puntuación ahora que funciona?",
        "Ci farebbe piacere se aggiornasse la valutazione a 5 stelle.",
        "評価を星5に上げていただけますか。",
        "If you like the mixer, please sing its praises on Amazon!",
        "Feel free to shout it from the rooftops in a review if you love it.",
        "Si le gusta, ¡pónganos por las nubes en Amazon!",
        "Se le piace, ci promuova a pieni voti!",
        "気に入っていただけたら、レビューで褒めちぎってください！",
        "Un petit 20/20 sur Amazon nous ferait plaisir.",
        "Se tutto è ok, un bel 10 e lode nella recensione!",
        "Eine Bestnote auf Amazon wäre super.",
        "A little ⭐⭐⭐⭐⭐ love on Amazon goes a long way!",
        "Ein kleiner Sternchenregen auf Amazon würde uns freuen.",
        "Cinco estrellas serían la guinda del pastel.",
        "Five stars would be the cherry on top!",
        "How was it? ☐ Excellent ☐ Good ☐ Poor — (tick Excellent when you rate us on Amazon 😉)",
        "Isn't the product worth five stars?",
        "Wouldn't you agree it deserves 5 stars?",
        "A five-star review will be greatly appreciated.",
        "Five-star reviews are what keep our small shop alive, so we'd be grateful for yours.",
        "Help us reach 1,000 five-star ratings!",
        "We're trying to keep our 4.9 average — a 5-star review from you would protect it.",
        "Unser Schnitt liegt bei 4,8 Sternen – helfen Sie uns, ihn zu halten!",
        "Please hold off on reviewing until you're 100% satisfied.",
        "Bitte warten Sie mit Ihrer Bewertung, bis alles perfekt ist.",
        "Merci de patienter avant de laisser un avis, le temps que tout soit réglé.",
        "Satisfied → leave a review ⭐ / Not satisfied → message us first 📩",
        "• Happy? Review us on Amazon",
        "Before reviewing, please fill in our short feedback form.",
        "Leave a review and collect 100 loyalty points.",
        "Every review gets you into our VIP club.",
        "Write a review and you'll be entered into our monthly draw for a tablet.",
        "For each review we donate €1 to the local animal shelter.",
        "After your review, we'll send €5 back via PayPal.",
        "Tras publicar su reseña, le devolvemos 5 € por Bizum.",
        "Dopo la recensione le rimborsiamo 5 € su Satispay.",
        "レビュー投稿後、PayPayで500円をキャッシュバックいたします。",
        "Review us and get free shipping on your next order.",
        "Leave a review to unlock a 2-year warranty extension.",
        "Write a review and we'll send you the DLC key.",
        "Here's your code in advance — in return, we'd appreciate a review.",
        "Just so you know, you can edit your review anytime from Your Orders.",
        "Isn't one star a bit harsh now that it's fixed?",
        "Now that it works, wäre vielleicht ein Sternchen mehr drin?",
        "解決しましたので、星をもう少し増やしていただけると嬉しいです。",
        "The replacement has arrived — could your rating be adjusted?",
        "Could the negative feedback be withdrawn now?",
        "Le commentaire négatif pourrait-il être retiré ?",
        "¿Podría retirarse la valoración negativa?",
        "La recensione negativa potrebbe essere ritirata?",
        "Würden Sie Ihre 1-Sterne-Bewertung noch einmal überdenken?",
        "Remember: only satisfied customers should leave a review.",
        "If you aren't thrilled, don't review — write to us instead.",
        "Wenn Sie begeistert sind: Bewertung! Wenn nicht: erst uns schreiben.",
        "Ravi ? Un avis ! Déçu ? Écrivez-nous d'abord.",
        "¿Contento? ¡Reseña! ¿Descontento? Escríbanos primero.",
        "Contento? Recensione! Scontento? Scrivici prima.",
        "満足ならレビューを、不満なら先にご連絡を。",
        "Any chance of a perfect score?",
        "Un 10/10 en Amazon nos haría muy felices.",
        "Una valutazione piena su Amazon sarebbe un regalo per noi.",
        "Votre avis 5 étoiles = un cadeau pour vous !",
        "Rezension schreiben = 10 % Rabatt!",
        "レビュー＝次回10%OFF！",
        "Wenn Ihnen die Pfanne gefällt, freuen wir uns über fünf Sterne bei Amazon.",
        "Eine ausgezeichnete Bewertung würde unserem kleinen Laden sehr helfen.",
        "Bitte vergeben Sie die volle Punktzahl, falls alles passt.",
        "Sie waren zufrieden? Dann freuen wir uns über Ihre Rezension! Nicht zufrieden? Dann kontaktieren Sie zuerst uns.",
        "Als Dankeschön für Ihre Bewertung erhalten Sie 10 % auf Ihre nächste Bestellung.",
        "Schicken Sie uns einen Screenshot Ihrer Rezension und wir erstatten 5 €.",
        "Könnten Sie die 2-Sterne-Bewertung nun entfernen, da alles gelöst ist?",
        "Vielleicht mögen Sie Ihre Rezension aktualisieren, jetzt wo alles funktioniert?",
        "Si la poêle vous plaît, cinq étoiles sur Amazon nous feraient très plaisir.",
        "Une évaluation excellente aiderait beaucoup notre petite boutique.",
        "Vous êtes content ? Laissez un avis ! Pas content ? Contactez-nous avant.",
        "En remerciement de votre avis, nous vous offrons 10 % sur votre prochaine commande.",
        "Envoyez-nous une capture de votre avis et nous vous remboursons 5 €.",
        "Maintenant que tout est réglé, pourriez-vous mettre à jour votre évaluation ?",
        "Pourriez-vous supprimer votre avis à une étoile ?",
        "Si le gusta la sartén, cinco estrellas en Amazon nos harían muy felices.",
        "Una valoración excelente ayudaría mucho a nuestra pequeña tienda.",
        "¿Está contento? ¡Deje una reseña! ¿No lo está? Contáctenos antes.",
        "Como agradecimiento por su reseña, le damos un 10 % en su próximo pedido.",
        "Envíenos una captura de su reseña y le reembolsamos 5 €.",
        "Ahora que todo está resuelto, ¿podría actualizar su valoración?",
        "¿Podría eliminar su reseña de una estrella?",
        "Se la padella le piace, cinque stelle su Amazon ci renderebbero felici.",
        "Una valutazione eccellente aiuterebbe molto il nostro piccolo negozio.",
        "È contento? Lasci una recensione! Non lo è? Ci contatti prima.",
        "Come ringraziamento per la recensione, le offriamo il 10 % sul prossimo ordine.",
        "Ci invii uno screenshot della recensione e le rimborsiamo 5 €.",
        "Ora che è tutto risolto, potrebbe aggiornare la sua valutazione?",
        "Potrebbe eliminare la recensione a una stella?",
        "フライパンを気に入っていただけましたら、Amazonで星5つをお願いいたします。",
        "素晴らしいレビューをいただけると、小さな店の大きな励みになります。",
        "ご満足いただけた方はレビューを、ご不満の方はレビュー前にご連絡ください。",
        "レビューのお礼として、次回10%割引クーポンを差し上げます。",
        "レビューのスクリーンショットをお送りいただくと、500円を返金いたします。",
        "問題が解決しましたので、評価を更新していただけますでしょうか。",
        "星1つのレビューを削除していただくことは可能でしょうか。",
        "Ihre Meinung in fünf Sternen? Wir würden uns freuen!",
        "Bewerten Sie uns mit „sehr gut“, wenn Sie zufrieden sind.",
        "Notez-nous 5/5 si vous êtes satisfait.",
        "Puntúenos con un 10 si le ha gustado.",
        "Ci dia 5 stelline, se è soddisfatto!",
        "満点の評価をお願いできれば嬉しいです。",
        "If it's anything less than 5 stars, please let us know before you post.",
        "Kindly give a positive feedback after receiving.",
        "pls leave 5 star review thx",
        "Reviews with photos get a free sample pack.",
        "Every 5-star review enters you into our giveaway.",
        "Your feedback could win you a $50 voucher!",
        "Customers who review us receive a 20% coupon by email.",
        "Wer eine Bewertung schreibt, nimmt an der Verlosung teil.",
        "Tous ceux qui laissent un avis participent au tirage au sort.",
        "Quienes dejen una reseña participan en el sorteo.",
        "Chi lascia una recensione partecipa all'estrazione.",
        "レビューを書いてくださった方の中から抽選でプレゼント！",
    ]);
}

#[test]
fn round_two_service_messages_pass() {
    all_pass(&[
        "We will review your return request and refund you within 3 days.",
        "Your replacement ships free of charge tomorrow; the review of your claim is complete.",
        "If you have a moment, we'd appreciate an honest review of your purchase — good or bad.",
        "We read every review and use the feedback to improve our products.",
        "Our 5-star hotel partner will pick you up at 9.",
        "The kit includes 5 star-shaped cutters and a rolling pin.",
        "The tyres have a speed rating of V and a load index of 94.",
        "Please rate the urgency from 1 to 5 so we can schedule a technician.",
        "Thank you for your feedback on the proof; we'll adjust the colours.",
        "If you're happy with the proof, reply OK and we'll print it.",
        "Die Bewertung Ihres Altgeräts ergab einen Ankaufspreis von 120 €.",
        "Ihre Gutschrift über 15 € wurde veranlasst.",
        "Wir bitten um eine ehrliche Bewertung, egal ob positiv oder negativ.",
        "Sie finden einen Avis de passage im Briefkasten.",
        "Votre remboursement a été effectué ; merci pour votre patience.",
        "N'hésitez pas à nous contacter si vous avez une question.",
        "La valoración de su móvil usado está lista: le ofrecemos 85 €.",
        "Su pedido llegará con envío gratis el martes.",
        "La valutazione del danno richiede due giorni lavorativi.",
        "Le inviamo un buono da 10 € per il ritardo, ci scusiamo.",
        "返品商品の検品後、返金手続きをいたします。",
        "評価版ライセンスの期限は30日です。",
        "Could you please leave the parcel with a neighbour if you're not home?",
        "Before you return the item, please contact us so we can help.",
        "Please check the product page for the size chart.",
        "If you're not satisfied, you can return it free of charge within 30 days.",
        "We'll refund the difference; thanks for the feedback about the colour.",
        "The sofa arrived in 5 of 5 boxes; assembly is on Monday.",
        "Your key: ABCD-1234. Please keep it safe.",
        "Please tell us your preferred delivery day.",
        "Once the review of the photos is done, we'll send a replacement.",
        "Feel free to share your experience on Amazon, whether positive or negative.",
        "We never offer rewards for reviews.",
        "El técnico le dará un 10% de descuento en la próxima visita.",
        "Can you give us 10 minutes to check the stock?",
        "We are happy to send a free replacement if the item is faulty.",
        "If you loved the colour, we also have it in blue.",
        "Could you review the proof and we'll send you the final file?",
        "Please review the attached design; once approved we'll send you the print.",
        "We'll review your photos and send you a replacement today.",
        "Could you change the delivery address to 5 Main Street?",
        "Can we bump your order up to 5 units at the same price?",
        "The hearing test gave a good score on both ears.",
        "If you like, we can ship it on Monday instead.",
        "If you like it in red, we also have a red version.",
        "For each item we ship, we plant a tree.",
        "If anything is wrong, please contact us first before returning it.",
        "Please contact us before sending anything back so we can help.",
        "Thanks for your review last week; your refund for the broken part has been processed.",
        "We read all reviews and offer free repairs for defective units.",
        "Our technician will rate the damage and we'll refund you accordingly.",
        "Please tell the driver where to leave the parcel.",
        "Happy customers are our priority, and we will refund any faulty item.",
        "If you're happy with the sample, we'll produce the remaining 50 pieces.",
        "Please let us know if you're not satisfied with the engraving; we'll redo it for free.",
        "The 5-star energy rating means low running costs.",
        "Book reviews in the Sunday paper called it a classic.",
        "Our review of your warranty claim is complete: a free replacement is on its way.",
        "You can change your delivery slot at any time in Your Orders.",
        "Is the replacement part still available in 5 mm?",
        "> Is this compatible with model X?",
        "Yes, it fits model X and Y.",
        "Votre colis est arrivé en 2 parties : 1 sur 2 aujourd'hui, 2 sur 2 demain.",
        "Pourriez-vous noter le numéro de série au dos de l'appareil ?",
        "Merci d'avoir laissé un avis ; nous avons transmis vos remarques à l'atelier.",
        "Si vous êtes satisfait de la maquette, répondez OK et nous lançons l'impression.",
        "Les avis de passage sont déposés en boîte aux lettres.",
        "Nous vous offrons la livraison gratuite sur ce remplacement.",
        "Bitte geben Sie uns Bescheid, ob Ihnen der Entwurf gefällt.",
        "Die Bewertung Ihres Altgeräts: 120 € Ankaufspreis, kostenloser Versand.",
        "Wir erstatten Ihnen die Versandkosten, sobald die Rücksendung eingegangen ist.",
        "Unser Techniker prüft das Gerät, bevor wir es zurückschicken.",
        "Wenn Sie mit dem Entwurf zufrieden sind, geben Sie uns kurz Bescheid.",
        "¿Le gusta el diseño? Si es así, confírmenos y lo imprimimos.",
        "Le devolvemos el importe en cuanto recibamos la devolución.",
        "Antes de enviar el artículo, contáctenos para darle una etiqueta gratuita.",
        "La valutazione dell'usato è di 80 €, spedizione gratuita inclusa.",
        "Se il bozzetto le piace, ci risponda con un OK.",
        "Prima di restituire il prodotto, ci contatti: le mandiamo un'etichetta gratuita.",
        "ご注文の商品は評価試験を終えて出荷いたしました。",
        "お客様のご満足が第一です。不具合があれば返金いたします。",
        "デザイン案をご確認いただき、問題なければご返信ください。",
        "★ご注文内容★ 星形クッキー型 5個",
        "Thank you for the 5-star review! We're glad the kettle works well.",
        "We never ask customers to change or remove their reviews.",
        "We'd love your honest feedback, whatever the rating.",
        "Feel free to leave a review — good, bad or in between, it helps other buyers.",
        "The Sunday Times review called the novel \"a triumph\"; your copy ships today.",
        "Our consultants will send the website review report by Friday.",
        "The trade-in valuation for your old phone is €120.",
        "The risk assessment for the installation is attached.",
        "Your 30-day evaluation licence key: EVAL-22KX-91PL.",
        "This speaker is rated IP67 and the charger has a 65 W rating.",
        "The game is rated PEGI 12 and USK 12.",
        "This tyre has a load rating of 94 and a speed rating of H.",
        "The fire door has a 30-minute fire rating.",
        "The tap has a 4-star WELS rating.",
        "You'll need a T20 Torx (star) screwdriver for the hinges.",
        "Necesitará un destornillador de estrella para el montaje.",
        "Der Weihnachtsstern wurde in einer isolierten Box verschickt.",
        "La stella di Natale viaggia in una scatola termica.",
        "Votre billet pour le ballet avec l'étoile de l'Opéra est joint.",
        "Your zodiac pendant (Leo, five-pointed star) ships tomorrow.",
        "Il verso di Dante \"e quindi uscimmo a riveder le stelle\" è inciso sul retro.",
        "The Stella Artois glasses are wrapped individually.",
        "☆ Produkt: Gartenschlauch 20 m ☆ Lieferung: Dienstag",
        "The milk alternative is lactose-free and gluten-free.",
        "The hands-free kit and the free-standing bath arrive separately.",
        "Lieferung frei Bordsteinkante, bitte planen Sie Helfer ein.",
        "サイズはフリーサイズです。",
        "Wir haben Ihnen eine Gutschrift über 20 € ausgestellt.",
        "Une note de crédit de 9,90 € a été émise.",
        "Le hemos realizado un abono de 12 €.",
        "Abbiamo effettuato lo storno di 15 €.",
        "Thanks for the feedback on the first proof: we've made the logo bigger.",
        "If you hear feedback (a whistling sound) from the speaker, move it away from the microphone.",
        "Please write the engraving text in the comment field at checkout.",
        "Good news: the leak test was positive, so the seal is fine.",
        "Our installer recommends a 16 A circuit for the oven.",
        "VAT number DE 123456789; invoice attached.",
        "SIRET 123 456 789 00012 figure sur la facture.",
        "P.IVA 01234567890 indicata in fattura.",
        "CIF B12345678 en la factura.",
        "RFC XAXX010101000 en su factura.",
        "適格請求書の登録番号はT1234567890123です。",
        "Price: 2 boxes @ €24 each.",
        "The engraving reads \"Anna @ 40\".",
        "Your temporary password is Blue@Sky77.",
        "The product name is \"Smart@Home Hub\".",
        "Estimad@s clientes: tod@s los pedidos salen hoy.",
        "Track your return at https://www.amazon.de/gp/css/order-history.",
        "> Can I leave a review if the lid is cracked?",
        "Of course, that's entirely up to you. We're sending a new lid today.",
        "We don't offer gifts or discounts for reviews, sorry.",
        "Nous n'offrons aucun cadeau en échange d'avis.",
        "No ofrecemos regalos a cambio de reseñas.",
        "Non offriamo regali in cambio di recensioni.",
        "レビューと引き換えに特典を差し上げることはできません。",
        "One star or five, your honest review helps other buyers.",
        "Ob ein Stern oder fünf – Ihre ehrliche Meinung zählt.",
        "Une étoile ou cinq, votre avis honnête compte.",
        "Una estrella o cinco, su opinión sincera nos importa.",
        "Una stella o cinque, la sua opinione sincera conta.",
        "星1つでも5つでも、率直なご感想をお寄せください。",
        "The Harvard Business Review article is in the box as promised.",
        "Votre exemplaire de « Critique de la raison pure » est expédié.",
        "『星の王子さま』の初版本を発送いたしました。",
        "Bonus tip: store the tea in an airtight tin.",
        "The free gift wrap you selected is included.",
        "Hi Sam, thanks for your patience. We've checked the photos you sent and the crack is clearly transport damage. A free replacement ships today by DHL, and we've refunded the shipping cost. If anything else comes up, just reply here. Best, Lena",
        "Dear customer, your order 302-1234567-1234567 has been dispatched. Tracking: 00340434161234567890. If the parcel doesn't arrive by Friday, please contact us and we'll send a new one free of charge.",
        "Hello! Your custom mug proof is attached. Please review it carefully: the name, the date and the colours. If you're happy with it, reply \"OK\" and we'll print it tomorrow; if not, tell us what to change.",
        "Guten Tag, vielen Dank für Ihre Nachricht. Wir haben Ihre Reklamation geprüft und erstatten Ihnen den vollen Kaufpreis. Eine Rücksendung ist nicht nötig. Bei Fragen sind wir gerne für Sie da.",
        "Bonjour, suite à votre retour, nous avons procédé au remboursement de 34,90 €. Le délai dépend de votre banque (3 à 5 jours). N'hésitez pas à nous écrire si besoin.",
        "Hola, le confirmamos que el técnico irá el martes entre las 9 y las 13 h. Si ese horario no le viene bien, díganos otro y lo cambiamos sin coste.",
        "Buongiorno, il corriere passerà giovedì. Se non è in casa, può indicarci un vicino o un punto di ritiro. Per qualsiasi problema ci scriva pure.",
        "お客様 このたびはご注文ありがとうございます。商品は本日発送いたしました。お届けまで今しばらくお待ちください。ご不明な点がございましたらお気軽にお問い合わせください。",
        "We hope you enjoy your new headphones! If you have a minute, we'd appreciate an honest review on Amazon — positive or negative, it helps other buyers decide.",
        "Thanks again for choosing us. When you have time, feel free to share your experience in a review. If something isn't right, we're here to help.",
        "Wir hoffen, der Rucksack gefällt Ihnen. Über eine ehrliche Bewertung freuen wir uns – ganz gleich, wie sie ausfällt.",
        "Nous espérons que la lampe vous plaît. Si vous avez un moment, votre avis honnête nous intéresse, qu'il soit positif ou négatif.",
        "Esperamos que disfrute de la cafetera. Si tiene un momento, nos encantaría conocer su opinión sincera, sea buena o mala.",
        "Speriamo che il cuscino le piaccia. Se ha un minuto, ci farebbe piacere una sua recensione sincera, positiva o negativa che sia.",
        "商品はお気に召しましたでしょうか。よろしければ、良い点も悪い点も含めて率直なレビューをお寄せください。",
        "Your replacement charger is on its way. If the new one also fails, please contact us before returning it so we can send you a prepaid label.",
        "The kettle has a 5-year warranty. To register it, visit the manufacturer's site and enter the serial number on the base.",
        "We've upgraded your shipping to express at no extra cost because of the delay. Sorry again!",
        "As a small thank-you for your patience with the delay, we've added a free sample of our new tea to the parcel.",
        "Als kleines Dankeschön für Ihre Geduld legen wir Ihnen eine Probe unseres neuen Tees bei.",
        "Pour vous remercier de votre patience, nous avons ajouté un échantillon gratuit dans le colis.",
        "En agradecimiento por su paciencia, hemos añadido una muestra gratuita al paquete.",
        "Per ringraziarla della pazienza, abbiamo aggiunto un campione omaggio nel pacco.",
        "お待たせしたお詫びに、新商品のサンプルを同梱いたしました。",
        "Could you send us a photo of the label so we can review the claim with the carrier? Once confirmed, we'll refund you in full.",
        "Please rate the noise level from 1 to 10 so our technician knows what to expect.",
        "Let us know if the 5-star hotel booking for the installers is still needed on Monday.",
        "The dishwasher has an A+++ energy rating and runs at 42 dB.",
        "We read every review carefully and improve our products based on your feedback.",
        "Your engraving text \"Best mum ever ★★★★★\" has been saved.",
        "Die Gravur „Für die beste Oma – 5 Sterne!“ ist fertig.",
        "La gravure « Meilleur papa 5 étoiles » est prête.",
        "If you change your mind about the colour, you can still modify the order until 6 pm.",
        "Sie können Ihre Lieferadresse jederzeit im Konto ändern.",
        "Vous pouvez modifier votre adresse de livraison à tout moment.",
        "Puede cambiar la dirección de entrega en cualquier momento.",
        "Può modificare l'indirizzo di consegna in qualsiasi momento.",
        "配送先住所はいつでも変更できます。",
    ]);
}

#[test]
fn quoted_buyer_lines_are_context() {
    // The buyer's 2 stars quoted back make "up to 5" a new rating asked for...
    all_flag(Rule::ReviewChange, &["> I'm giving 2 stars, it came a week late.\nSorry! Could you bump that up to 5 now that it's here?"]);
    // ... and the buyer's own question about changing a review is not the seller's request.
    all_pass(&["> Should I change my review?\nNo, your review is yours; we only refunded the broken cup."]);
}

#[test]
fn round_two_rules_by_name() {
    all_flag(
        Rule::PositiveReview,
        &[
            "If you like the mixer, please sing its praises on Amazon!",
            "Une bonne note sur Amazon nous aiderait énormément.",
            "Unser Schnitt liegt bei 4,8 Sternen – helfen Sie uns, ihn zu halten!",
        ],
    );
    all_flag(
        Rule::ReviewGating,
        &[
            "Tell us first, not Amazon, if the size is wrong.",
            "Antes de opinar en Amazon, hable con nosotros.",
            "Amazonへのご投稿の前に、まずは当店へご連絡ください。",
            "Please don't leave negative feedback — contact us and we'll fix it.",
        ],
    );
    all_flag(
        Rule::ReviewIncentive,
        &[
            "Reviewers get 20% off their next order.",
            "For every review, we plant a tree.",
            "Für jede Bewertung spenden wir 1 € an das Tierheim.",
        ],
    );
    all_flag(
        Rule::ReviewChange,
        &[
            "Just so you know, you can edit your review anytime from Your Orders.",
            "Isn't one star a bit harsh now that it's fixed?",
            "La recensione negativa potrebbe essere ritirata?",
        ],
    );
}

#[test]
fn round_two_addresses_in_every_written_form() {
    all_flag(
        Rule::Email,
        &[
            "お問い合わせは info★shop-kyoto.jp まで（★を@に変えてください）。",
            "Write to anna [at] woolly-toes [dot] co [dot] uk for the invoice.",
            "Escríbanos a ventas arroba azulejos-sur punto es.",
            "Scrivici a ordini chiocciola caseificio-sardo punto it.",
            "メールは shop アットマーク example ドット jp までお願いします。",
            "Contact: mailto:help@gadget-haus.de",
            "Reply-To: support@candle-uzes.fr",
            "Mail me at  j o h n @ m a i l . c o m",
            "our address is info at tiles-sur dot es",
            "Email: sales(at)bikeparts(dot)de",
        ],
    );
    // A symbol glued into an address stands for "@" only where the text says so.
    all_pass(&["★ご注文内容★ マグカップ 2点 @1,200円", "Size M★L fits most."]);
}
