package dev.bedrockgateway.chat;

/**
 * A document, as Converse's {@code document} block.
 *
 * @param format pdf, csv, doc, docx, xls, xlsx, html, txt or md
 * @param name a name the model may refer to
 * @param source the document data
 */
public record DocumentBlock(String format, String name, MediaSource source) {}
